package network.hermes.contracts.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class AnvilLocatorTest {
  @Test
  void eachPlatformResolvesToTheBinaryOfItsNpmPackage() throws IOException {
    assertThat(AnvilLocator.platformBinary("Linux", "amd64"))
        .isEqualTo("@foundry-rs/anvil-linux-amd64/bin/anvil");
    assertThat(AnvilLocator.platformBinary("Linux", "aarch64"))
        .isEqualTo("@foundry-rs/anvil-linux-arm64/bin/anvil");
    assertThat(AnvilLocator.platformBinary("Mac OS X", "aarch64"))
        .isEqualTo("@foundry-rs/anvil-darwin-arm64/bin/anvil");
    assertThat(AnvilLocator.platformBinary("Mac OS X", "x86_64"))
        .isEqualTo("@foundry-rs/anvil-darwin-amd64/bin/anvil");
    assertThat(AnvilLocator.platformBinary("Windows 11", "amd64"))
        .isEqualTo("@foundry-rs/anvil-win32-amd64/bin/anvil.exe");
  }

  @Test
  void aPlatformWithoutPackageIsRefusedNamingTheOverride() {
    assertThatThrownBy(() -> AnvilLocator.platformBinary("FreeBSD", "amd64"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(AnvilLocator.OVERRIDE_ENV);
    assertThatThrownBy(() -> AnvilLocator.platformBinary("Linux", "riscv64"))
        .isInstanceOf(IOException.class);
  }
}
