package dev.terraauth.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
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

  /** Binds an option to a field through a getter and a setter. */
  public static <T> Binding<T> binding(Supplier<T> getter, Consumer<T> setter) {
    return new Binding<>(getter, setter);
  }

  /** An option's value held by the command object, like an annotated field. */
  public static final class Binding<T> implements IGetter, ISetter {
    private final Supplier<T> getter;
    private final Consumer<T> setter;

    Binding(Supplier<T> getter, Consumer<T> setter) {
      this.getter = getter;
      this.setter = setter;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
      return (V) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
      V previous = get();
      setter.accept((T) value);
      return previous;
    }
  }
}
