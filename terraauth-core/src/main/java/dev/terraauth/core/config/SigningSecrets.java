package dev.terraauth.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the webhook signing secrets of one environment. The first source (and within it, the
 * scoped name before the unscoped one) that sets any of {@code TERRA_<ENV>_WEBHOOK_SECRET}, {@code
 * ..._2}, {@code ..._3} supplies all of them; lower ones are shadowed as a group, so secrets of one
 * rotation never mix sources. The plain name may hold a comma-separated list, oldest first
 * (generations 1, 2, ...); numbered names give generation N. Both forms at once are refused.
 */
final class SigningSecrets {
  /**
   * Newest generation first. A class, not a lambda (see the package description), nor
   * Comparator.comparingInt: that one is serializable, which keeps it out of the CLI's
   * class-data-sharing archive (spun at every start).
   */
  private static final Comparator<ResolvedSigningSecret> NEWEST_FIRST =
      new Comparator<>() {
        @Override
        public int compare(ResolvedSigningSecret a, ResolvedSigningSecret b) {
          return Integer.compare(b.signingSecret().generation(), a.signingSecret().generation());
        }
      };

  private final Environment environment;
  private final List<ValueSource> sources;
  private final List<Origin> shadowed = new ArrayList<>();

  SigningSecrets(Environment environment, List<ValueSource> sources) {
    this.environment = environment;
    this.sources = sources;
  }

  List<Origin> shadowed() {
    return List.copyOf(shadowed);
  }

  List<ResolvedSigningSecret> resolve(List<Problem> problems) {
    List<RawValue> winner = null;
    String winnerBase = null;
    for (ValueSource source : sources) {
      for (String base : Resolver.variables(environment, Setting.WEBHOOK_SECRET)) {
        List<RawValue> group = source.numbered(base);
        if (group.isEmpty()) {
          continue;
        }
        if (winner == null) {
          winner = group;
          winnerBase = base;
        } else {
          for (RawValue value : group) {
            shadowed.add(value.origin());
          }
        }
      }
    }
    if (winner == null) {
      problems.add(
          Problem.warning(
              Setting.WEBHOOK_SECRET,
              "no webhook signing secret for "
                  + environment.id()
                  + ": webhook verification will refuse every delivery; set "
                  + Setting.WEBHOOK_SECRET.variable(environment)
                  + " if this environment receives webhooks"));
      return List.of();
    }
    List<ResolvedSigningSecret> secrets = expand(winnerBase, winner, problems);
    secrets.sort(NEWEST_FIRST);
    warnAboutRepeats(secrets, problems);
    return secrets;
  }

  private List<ResolvedSigningSecret> expand(
      String base, List<RawValue> group, List<Problem> problems) {
    List<ResolvedSigningSecret> secrets = new ArrayList<>();
    RawValue plain = null;
    List<RawValue> numbered = new ArrayList<>();
    for (RawValue value : group) {
      if (!value.variable().equals(base)) {
        numbered.add(value);
      } else if (plain == null) {
        plain = value;
      }
    }
    if (plain != null && plain.value().contains(",")) {
      if (!numbered.isEmpty()) {
        problems.add(
            Problem.error(
                "webhook signing secrets of "
                    + environment.id()
                    + ": "
                    + plain.origin()
                    + " holds a comma-separated list and "
                    + numbered.get(0).origin()
                    + " a numbered key; use one form, not both"));
        return secrets;
      }
      String[] parts = plain.value().split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        add(
            secrets,
            i + 1,
            parts[i].strip(),
            plain.origin(),
            " (entry " + (i + 1) + " of the list)",
            problems);
      }
      return secrets;
    }
    if (plain != null) {
      add(secrets, 1, plain.value(), plain.origin(), "", problems);
    }
    for (RawValue value : numbered) {
      int generation = Integer.parseInt(value.variable().substring(base.length() + 1));
      if (generation < 2) {
        problems.add(
            Problem.error(
                value.origin()
                    + ": numbered signing secrets start at _2 (the plain "
                    + base
                    + " is generation 1)"));
        continue;
      }
      add(secrets, generation, value.value(), value.origin(), "", problems);
    }
    return secrets;
  }

  private void add(
      List<ResolvedSigningSecret> secrets,
      int generation,
      String value,
      Origin origin,
      String where,
      List<Problem> problems) {
    Optional<String> wrong = ValueChecks.checkToken(value);
    if (wrong.isPresent()) {
      problems.add(
          Problem.error(
              "webhook signing secret of "
                  + environment.id()
                  + " from "
                  + origin
                  + where
                  + " "
                  + wrong.get()));
      return;
    }
    secrets.add(
        new ResolvedSigningSecret(
            new SigningSecret(environment, generation, Secret.of(value)), origin));
  }

  private void warnAboutRepeats(List<ResolvedSigningSecret> secrets, List<Problem> problems) {
    for (int i = 0; i < secrets.size(); i++) {
      for (int j = i + 1; j < secrets.size(); j++) {
        Secret first = secrets.get(i).signingSecret().secret();
        if (first.matches(secrets.get(j).signingSecret().secret())) {
          problems.add(
              Problem.warning(
                  "webhook signing secret of "
                      + environment.id()
                      + " is listed twice ("
                      + secrets.get(i).origin()
                      + " and "
                      + secrets.get(j).origin()
                      + "): remove the repeat"));
        }
      }
    }
  }
}
