package io.meshguard.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.architecture.ReadmeBlocks;
import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSpec;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Quarkus blocks ({@code <!-- readme-block: quarkus -->}) as a newcomer copies them
 * into {@code application.properties}: read as SmallRye Config reads that file (so a comment after
 * a value is part of the value), mapped onto {@link MeshguardConfig} and {@link
 * MeshguardBuildTimeConfig} with Quarkus' converters and unknown {@code quarkus.meshguard.*} keys
 * refused, and turned into a validated {@link MeshguardSpec} by {@link MeshguardProducer#spec}.
 */
class ReadmeTests {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void quarkusBlocksWhenMappedBySmallRyeConfigThenValidSpec() throws IOException {
    List<ReadmeBlocks.Block> blocks = ReadmeBlocks.ofProject().markedFor("quarkus");

    assertThat(blocks).isNotEmpty();
    for (ReadmeBlocks.Block block : blocks) {
      assertThat(block.language()).as(block.toString()).isEqualTo("properties");
      SmallRyeConfig config = config(block);

      MeshguardSpec spec =
          MeshguardProducer.spec(config.getConfigMapping(MeshguardConfig.class), CLOCK);

      assertThat(spec.claims().issuers()).as(block.toString()).isNotEmpty();
    }
  }

  @Test
  void specWhenCommentAfterValueThenTheCommentIsPartOfTheValueAndRefused() throws IOException {
    ReadmeBlocks.Block block =
        new ReadmeBlocks.Block(
            1,
            "properties",
            Optional.of("quarkus"),
            "quarkus.meshguard.issuers=https://auth.example.com\n"
                + "quarkus.meshguard.trust-domains=cluster.local\n"
                + "quarkus.meshguard.unmatched=not-found   # 404/405\n");
    MeshguardConfig config = config(block).getConfigMapping(MeshguardConfig.class);

    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardProducer.spec(config, CLOCK))
        .withMessageContaining("quarkus.meshguard.unmatched");
  }

  @Test
  void configWhenUnknownKeyThenRefused() {
    ReadmeBlocks.Block block =
        new ReadmeBlocks.Block(
            1,
            "properties",
            Optional.of("quarkus"),
            "quarkus.meshguard.issuers=https://auth.example.com\n"
                + "quarkus.meshguard.trust-domain=cluster.local\n");

    assertThatExceptionOfType(ConfigValidationException.class).isThrownBy(() -> config(block));
  }

  private SmallRyeConfig config(ReadmeBlocks.Block block) throws IOException {
    Path file = dir.resolve("application-" + block.line() + ".properties");
    Files.writeString(file, block.text(), StandardCharsets.UTF_8);
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .addDiscoveredConverters()
        .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
        .withMapping(MeshguardConfig.class)
        .withMapping(MeshguardBuildTimeConfig.class)
        .withValidateUnknown(true)
        .build();
  }
}
