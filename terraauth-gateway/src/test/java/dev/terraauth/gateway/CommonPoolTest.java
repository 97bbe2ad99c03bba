package dev.terraauth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a 2-core JVM (simulated with {@code -XX:ActiveProcessorCount=2}), async steps run on a reused
 * pool once {@link CommonPool#atLeastTwo} ran first, and on a new thread each without it.
 */
class CommonPoolTest {
  /**
   * Run in a child JVM: prints the default executor's class, and how many threads 50 steps used.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("fix")) {
      CommonPool.atLeastTwo();
    }
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 50; i++) {
      CompletableFuture.runAsync(() -> threads.add(Thread.currentThread().getName())).join();
    }
    System.out.println(
        new CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName()
            + " "
            + threads.size());
  }

  private static String child(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=2",
                "-cp",
                System.getProperty("java.class.path"),
                CommonPoolTest.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }

  @Test
  void withTwoCoresAsyncStepsReuseThePoolsThreads() throws Exception {
    String fixed = child("fix");
    assertThat(fixed).startsWith("ForkJoinPool ");
    assertThat(Integer.parseInt(fixed.split(" ")[1])).isLessThanOrEqualTo(2);
  }

  @Test
  void withoutItEveryStepStartsAThread() throws Exception {
    // the JVM's default on 2 cores: what the fix is for (if a JDK changes this, the fix is moot)
    String plain = child();
    assertThat(plain).isEqualTo("ThreadPerTaskExecutor 50");
  }
}
