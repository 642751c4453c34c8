package io.meshguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.architecture.ReadmeBlocks;
import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The README's Spring blocks ({@code <!-- readme-block: spring -->}) as a newcomer copies them into
 * {@code application.properties}/{@code application.yaml}: loaded by Boot's own property source
 * loaders (so a comment after a value is part of the value, as in the application), bound to {@link
 * MeshguardProperties} by Boot's {@link Binder} refusing unknown {@code meshguard.*} keys, and
 * turned into a validated {@link MeshguardSpec} by core.
 */
class ReadmeTests {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void springBlocksWhenBoundByBootThenValidSpec() throws IOException {
    List<ReadmeBlocks.Block> blocks = ReadmeBlocks.ofProject().markedFor("spring");

    assertThat(blocks).isNotEmpty();
    for (ReadmeBlocks.Block block : blocks) {
      MeshguardProperties properties = bind(block);

      MeshguardSpec spec = properties.toSpec(CLOCK);

      assertThat(spec.claims().issuers()).as(block.toString()).isNotEmpty();
    }
  }

  @Test
  void bindWhenCommentAfterValueThenTheCommentIsPartOfTheValueAndRefused() {
    ReadmeBlocks.Block block =
        new ReadmeBlocks.Block(
            1,
            "properties",
            Optional.of("spring"),
            "meshguard.issuers=https://auth.example.com\n"
                + "meshguard.trust-domains=cluster.local\n"
                + "meshguard.unmatched=not-found   # 404/405\n");

    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> bind(block).toSpec(CLOCK))
        .withMessageContaining("meshguard.unmatched");
  }

  @Test
  void bindWhenUnknownKeyThenRefused() {
    ReadmeBlocks.Block block =
        new ReadmeBlocks.Block(
            1,
            "properties",
            Optional.of("spring"),
            "meshguard.issuers=https://auth.example.com\nmeshguard.trust-domain=cluster.local\n");

    assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(block));
  }

  private static MeshguardProperties bind(ReadmeBlocks.Block block) throws IOException {
    PropertySourceLoader loader =
        switch (block.language()) {
          case "properties" -> new PropertiesPropertySourceLoader();
          case "yaml", "yml" -> new YamlPropertySourceLoader();
          default -> throw new AssertionError(block + ": not a Spring configuration block");
        };
    List<PropertySource<?>> sources =
        loader.load(
            block.toString(), new ByteArrayResource(block.text().getBytes(StandardCharsets.UTF_8)));
    BindHandler strict =
        new NoUnboundElementsBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler());
    return new Binder(ConfigurationPropertySources.from(sources))
        .bindOrCreate("meshguard", Bindable.of(MeshguardProperties.class), strict);
  }
}
