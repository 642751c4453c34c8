package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class ReloadingFileTests {

  /** Long enough that only the test's own {@code check()} calls run. */
  private static final Duration NEVER = Duration.ofHours(1);

  private final Logger logger = (Logger) LoggerFactory.getLogger(ReloadingFile.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @TempDir Path dir;
  private Path file;

  /** A loader that returns the text, or throws what {@link #failNext} holds, once. */
  private final AtomicReference<Throwable> failNext = new AtomicReference<>();

  private final List<String> loaded = new CopyOnWriteArrayList<>();

  private final ReloadingFile.Loader<String> loader =
      content -> {
        String text = new String(content, StandardCharsets.UTF_8);
        loaded.add(text);
        Throwable failure = failNext.getAndSet(null);
        if (failure instanceof Error) {
          throw (Error) failure;
        }
        if (failure != null) {
          throw (Exception) failure;
        }
        return text;
      };

  @BeforeEach
  void captureLogs() throws Exception {
    appender.start();
    logger.addAppender(appender);
    file = dir.resolve("policy.yaml");
    write("v1");
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(appender);
  }

  /** Replaces the file at once, so a check never reads half a version. */
  private void write(String text) throws Exception {
    Path next = dir.resolve("next.tmp");
    Files.writeString(next, text);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The lines logged about this test's file (a watcher of another test may log too). */
  private List<ILoggingEvent> logged() {
    return appender.list.stream()
        .filter(event -> event.getFormattedMessage().contains(file.toString()))
        .toList();
  }

  static Stream<Error> errors() {
    return Stream.of(
        new NoClassDefFoundError("io/example/Missing"),
        new StackOverflowError(),
        new AssertionError("loader bug"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void checkWhenLoaderThrowsAnErrorOnceThenTheNextVersionLoads(Error error) throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      failNext.set(error);
      write("v2");
      watched.check();
      assertThat(watched.get()).isEqualTo("v1");
      write("v3");
      watched.check();
      assertThat(watched.get()).isEqualTo("v3");
    }
  }

  /** A scheduled task that throws is never run again: the schedule must see nothing thrown. */
  @Test
  void watchWhenLoaderThrowsAnErrorThenTheScheduleKeepsRunning() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, Duration.ofMillis(10), loader)) {
      failNext.set(new NoClassDefFoundError("io/example/Missing"));
      write("v2");
      awaitUntil(() -> loaded.contains("v2"));
      write("v3");
      awaitUntil(() -> "v3".equals(watched.get()));
      assertThat(watched.get()).isEqualTo("v3");
    }
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void checkWhenFileMissingThenOneErrorWithoutStackTraceHoweverManyChecks() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      Files.delete(file);
      for (int i = 0; i < 5; i++) {
        watched.check();
      }
      assertThat(logged()).hasSize(1);
      ILoggingEvent event = logged().get(0);
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getThrowableProxy()).isNull();
      assertThat(event.getFormattedMessage())
          .isEqualTo(
              "meshguard cannot read "
                  + file
                  + " (java.nio.file.NoSuchFileException: "
                  + file
                  + "); the version in force stays");
      assertThat(watched.get()).isEqualTo("v1");
    }
  }

  @Test
  void checkWhenTheReadFailsForAnotherCauseThenLoggedAgain() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      Files.delete(file);
      watched.check();
      watched.check();
      Files.createDirectory(file); // readable as a path, not as a file: another cause
      watched.check();
      watched.check();
      Files.delete(file);
      watched.check();
      assertThat(logged())
          .extracting(ILoggingEvent::getFormattedMessage)
          .hasSize(3)
          .allSatisfy(message -> assertThat(message).startsWith("meshguard cannot read"));
      assertThat(logged()).extracting(ILoggingEvent::getThrowableProxy).containsOnlyNulls();
    }
  }

  @Test
  void checkWhenFileComesBackUnchangedThenOneInfoLine() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      Files.delete(file);
      watched.check();
      write("v1");
      for (int i = 0; i < 3; i++) {
        watched.check();
      }
      assertThat(logged())
          .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
          .containsExactly(
              tuple(
                  Level.ERROR,
                  "meshguard cannot read "
                      + file
                      + " (java.nio.file.NoSuchFileException: "
                      + file
                      + "); the version in force stays"),
              tuple(
                  Level.INFO,
                  "meshguard can read " + file + " again; the version in force is unchanged"));
      assertThat(loaded).containsExactly("v1");
    }
  }

  @Test
  void checkWhenFileComesBackWithANewVersionThenOneInfoLineAndItLoads() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      Files.delete(file);
      watched.check();
      watched.check();
      write("v2");
      for (int i = 0; i < 3; i++) {
        watched.check();
      }
      assertThat(logged())
          .extracting(ILoggingEvent::getLevel)
          .containsExactly(Level.ERROR, Level.INFO);
      assertThat(logged().get(1).getFormattedMessage())
          .isEqualTo("meshguard loaded a new version of " + file);
      assertThat(watched.get()).isEqualTo("v2");
    }
  }

  /** Kubernetes may swap in a new directory holding the same broken file: the same cause. */
  @Test
  void checkWhenTheSameBrokenVersionComesAgainThenNotLoggedAgain() throws Exception {
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Path v2 = Files.createDirectory(dir.resolve("..v2"));
    Path v3 = Files.createDirectory(dir.resolve("..v3"));
    Files.writeString(v1.resolve("bundle.pem"), "good");
    Files.writeString(v2.resolve("bundle.pem"), "broken");
    Files.writeString(v3.resolve("bundle.pem"), "broken");
    Path data = dir.resolve("..data");
    Files.createSymbolicLink(data, v1.getFileName());
    file = dir.resolve("bundle.pem");
    Files.createSymbolicLink(file, Path.of("..data", "bundle.pem"));
    ReloadingFile.Loader<String> failsOnBroken =
        content -> {
          String text = new String(content, StandardCharsets.UTF_8);
          if (text.equals("broken")) {
            throw new IllegalArgumentException("not a bundle");
          }
          return text;
        };
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, failsOnBroken)) {
      swap(data, v2);
      watched.check();
      watched.check();
      swap(data, v3);
      watched.check();
      assertThat(logged()).hasSize(1);
      assertThat(logged().get(0).getLevel()).isEqualTo(Level.ERROR);
      assertThat(logged().get(0).getFormattedMessage())
          .isEqualTo("meshguard could not load " + file + "; the previous version stays in force");
      assertThat(watched.get()).isEqualTo("good");
    }
  }

  private void swap(Path data, Path target) throws Exception {
    Path next = dir.resolve("..data_tmp");
    Files.createSymbolicLink(next, target.getFileName());
    Files.move(next, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void checkWhenADifferentVersionFailsThenLoggedAgain() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      failNext.set(new IllegalArgumentException("line 3"));
      write("v2");
      watched.check();
      failNext.set(new IllegalArgumentException("line 3"));
      write("v3");
      watched.check();
      assertThat(logged())
          .extracting(ILoggingEvent::getLevel)
          .containsExactly(Level.ERROR, Level.ERROR);
      assertThat(watched.get()).isEqualTo("v1");
    }
  }

  /** The JVM failing is not the file's fault: watching stops, saying so, and the error goes on. */
  @Test
  void checkWhenLoaderRunsOutOfMemoryThenRethrownAfterOneLine() throws Exception {
    try (ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader)) {
      OutOfMemoryError error = new OutOfMemoryError("Java heap space");
      failNext.set(error);
      write("v2");
      assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(watched::check).isSameAs(error);
      assertThat(logged()).hasSize(1);
      assertThat(logged().get(0).getFormattedMessage())
          .isEqualTo(
              "meshguard stops watching "
                  + file
                  + " after java.lang.OutOfMemoryError: Java heap space;"
                  + " the version in force stays until the application restarts");
      write("v3");
      watched.check();
      assertThat(watched.get()).isEqualTo("v1");
      assertThat(loaded).containsExactly("v1", "v2");
    }
  }

  @Test
  void checkWhenClosedThenNeitherLoadsNorLogs() throws Exception {
    ReloadingFile<String> watched = ReloadingFile.watch(file, NEVER, loader);
    watched.close();
    Files.delete(file);
    watched.check();
    write("v2");
    watched.check();
    assertThat(logged()).isEmpty();
    assertThat(watched.get()).isEqualTo("v1");
  }
}
