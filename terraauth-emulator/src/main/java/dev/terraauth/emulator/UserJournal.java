package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's connected users in a JSON file, so a local gateway and its emulator agree after a
 * restart (Terra keeps its users too). Written whole on every change, atomically (a temporary file
 * moved over the old one) and readable only by its owner. Widget sessions, consent links and tokens
 * are short-lived and not kept.
 */
final class UserJournal {
  private final Path file;

  UserJournal(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * The users stored, none when the file does not exist yet.
   *
   * @throws IllegalStateException naming the file and the entry when it cannot be read
   */
  List<EmulatedUser> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          file + ": not the emulator's user file (" + e.getMessage() + "); move it away", e);
    }
    JsonNode users = root == null ? null : root.get("users");
    if (users == null || !users.isArray()) {
      throw new IllegalStateException(file + ": expected {\"users\": [...]}; move it away");
    }
    List<EmulatedUser> loaded = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      JsonNode user = users.get(i);
      try {
        loaded.add(
            new EmulatedUser(
                required(user, "user_id"),
                required(user, "dev_id"),
                required(user, "provider"),
                required(user, "provider_account"),
                user.path("reference_id").isTextual() ? user.get("reference_id").asText() : null,
                user.path("scopes").asText(""),
                Instant.parse(required(user, "created_at")),
                user.path("active").asBoolean(true),
                user.path("last_webhook_update").isTextual()
                    ? Instant.parse(user.get("last_webhook_update").asText())
                    : null));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            file + ": users[" + i + "] is malformed (" + e.getMessage() + "); move the file away",
            e);
      }
    }
    return loaded;
  }

  /** Replaces the file with these users. */
  void save(Collection<EmulatedUser> users) {
    List<Map<String, Object>> rows = new ArrayList<>(users.size());
    for (EmulatedUser user : users) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("user_id", user.userId());
      row.put("dev_id", user.devId());
      row.put("provider", user.provider());
      row.put("provider_account", user.providerAccount());
      row.put("reference_id", user.referenceId());
      row.put("scopes", user.scopes());
      row.put("created_at", user.createdAt().toString());
      row.put("active", user.active());
      row.put(
          "last_webhook_update",
          user.lastWebhookUpdate() == null ? null : user.lastWebhookUpdate().toString());
      rows.add(row);
    }
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".emulator-users", ".tmp");
      try {
        restrict(temporary);
        Files.writeString(temporary, Json.text(Map.of("users", rows)), StandardCharsets.UTF_8);
        try {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void restrict(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the directory's own permissions apply
    }
  }

  private static String required(JsonNode user, String field) {
    JsonNode value = user.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value.asText();
  }
}
