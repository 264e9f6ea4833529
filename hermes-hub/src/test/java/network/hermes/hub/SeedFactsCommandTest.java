package network.hermes.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFactsCommandTest {
  @TempDir Path dir;

  @Test
  void aFactsFileIsItsNonBlankLinesSplitOnWhiteSpace() throws Exception {
    Path file = Files.writeString(dir.resolve("providers.txt"), "0xaa 5\n\n  0xbb\t7 2  \n");
    List<String[]> lines = SeedFactsCommand.fields(file, 2, 3, "CHANNEL_ID STAKE_WEI");
    assertThat(lines).containsExactly(new String[] {"0xaa", "5"}, new String[] {"0xbb", "7", "2"});
  }

  @Test
  void aLineWithTooFewOrTooManyFieldsIsNamedWithItsNumber() throws Exception {
    Path short_ = Files.writeString(dir.resolve("consumers.txt"), "0xaa 5\n0xbb\n");
    assertThatThrownBy(() -> SeedFactsCommand.fields(short_, 2, 2, "ADDRESS BALANCE_WEI"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("consumers.txt line 2: expected ADDRESS BALANCE_WEI, got: 0xbb");
    Path long_ = Files.writeString(dir.resolve("more.txt"), "0xaa 5 6\n");
    assertThatThrownBy(() -> SeedFactsCommand.fields(long_, 2, 2, "ADDRESS BALANCE_WEI"))
        .hasMessageContaining("more.txt line 1");
  }
}
