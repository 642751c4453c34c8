package io.meshguard.benchmarks;

import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Does the payload reader's per-thread scratch state pay off? Decodes a cold ~600-byte payload on
 * the calling (platform) thread, as a thread-pool server does, and on a new virtual thread per
 * decode, as a server on virtual threads does (Jetty with virtual threads, Spring's and Quarkus'
 * virtual-thread executors start one per request); {@link #virtualThreadHandOffOnly} is the cost of
 * that hand-off alone. Needs Java 21 or newer for the virtual-thread benchmarks. Run with {@code
 * java -jar benchmarks/target/benchmarks.jar ScratchStateBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * -prof gc} on Java 25.
 *
 * <p>Measured (Temurin 25, 2 shared cores, two rounds each; allocation is exact, times were too
 * noisy to tell apart): with a thread-local scratch state a read allocates 2,600 B on a platform
 * thread and 3,921 B on a new virtual thread; with a fresh one per read 3,360 B and 3,785 B. So the
 * reader keeps its thread-local on platform threads and takes a fresh scratch state on virtual
 * threads (2,600 B and 3,784 B measured); the hand-off alone allocates 416 B.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScratchStateBenchmark {

  String[] headers;
  int next;
  PayloadDecoder decoder;
  ExecutorService virtualThreadPerTask; // null before Java 21

  @Setup
  public void setUp() throws Exception {
    headers = Fixtures.distinctHeaders(DecisionBenchmark.COLD_TOKENS);
    decoder = PayloadDecoder.defaults();
    try {
      // Through reflection: this module compiles for Java 17.
      virtualThreadPerTask =
          (ExecutorService)
              Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      virtualThreadPerTask = null; // Java 17 to 20: only decodeOnCallingThread runs
    }
  }

  @TearDown
  public void tearDown() {
    if (virtualThreadPerTask != null) {
      virtualThreadPerTask.shutdownNow();
    }
  }

  private ExecutorService virtualThreads() {
    if (virtualThreadPerTask == null) {
      throw new UnsupportedOperationException("virtual threads need Java 21 or newer");
    }
    return virtualThreadPerTask;
  }

  private String nextHeader() {
    int i = next;
    next = i + 1 == headers.length ? 0 : i + 1;
    return headers[i];
  }

  /** One decode on the benchmark's own platform thread: the scratch state is always reused. */
  @Benchmark
  public PayloadResult decodeOnCallingThread() {
    return decoder.decode(nextHeader());
  }

  /** One decode on a virtual thread of its own: the scratch state is never reused. */
  @Benchmark
  public PayloadResult decodeOnNewVirtualThread() throws Exception {
    String header = nextHeader();
    return virtualThreads().submit(() -> decoder.decode(header)).get();
  }

  /** The floor of the above: the same hand-off to a new virtual thread, without the decode. */
  @Benchmark
  public String virtualThreadHandOffOnly() throws Exception {
    String header = nextHeader();
    return virtualThreads().submit(() -> header).get();
  }
}
