package dev.terraauth.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Building blocks for the commands whose picocli model is built in code rather than read from
 * annotations: the root, {@code env}, {@code env list}, {@code webhook} and {@code webhook verify},
 * the commands people run most. Reading annotations makes the JDK generate a proxy class per
 * annotation type and picocli reflect over every member; together that was about a third of the
 * start-up of these short commands (bench/startup/). The usage text is the same either way
 * (TerraAuthCliTest and the commands' tests compare it).
 *
 * <p>The code on these commands' start path prefers plain loops and small classes to streams,
 * lambdas and method references: in the cold JVM of a short command each of those costs a call-site
 * linkage, and the first stream initialises much of {@code java.util.stream}. Hence {@link Value}
 * rather than a getter and a setter lambda per option.
 */
public final class Specs {
  private Specs() {}

  /** {@code -h, --help}, as picocli's {@code mixinStandardHelpOptions} adds it. */
  public static OptionSpec helpOption() {
    return OptionSpec.builder("-h", "--help")
        .usageHelp(true)
        .descriptionKey("mixinStandardHelpOptions.help")
        .description("Show this help message and exit.")
        .type(boolean.class)
        .arity("0")
        .build();
  }

  /** {@code -V, --version}, as picocli's {@code mixinStandardHelpOptions} adds it. */
  public static OptionSpec versionOption() {
    return OptionSpec.builder("-V", "--version")
        .versionHelp(true)
        .descriptionKey("mixinStandardHelpOptions.version")
        .description("Print version information and exit.")
        .type(boolean.class)
        .arity("0")
        .build();
  }

  /**
   * An option's value, held for the command like an annotated field: picocli sets it (as the
   * option's setter and getter) while parsing, and the command reads it with {@link #value()}.
   *
   * @param <T> the option's type
   */
  public static class Value<T> implements IGetter, ISetter {
    private T value;

    /** An option's value, null until picocli sets it. */
    public Value() {}

    /** {@return the value picocli set, or null before parsing} */
    public T value() {
      return value;
    }

    /**
     * Called with each value before it is stored; a subclass throws to refuse it.
     *
     * @param value the value picocli is setting
     */
    protected void check(T value) {}

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
      return (V) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
      check((T) value);
      V previous = get();
      this.value = (T) value;
      return previous;
    }
  }
}
