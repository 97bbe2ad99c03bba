package dev.terraauth.gateway.web;

import dev.terraauth.gateway.http.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The scripts and styles of the start page and the dashboard, served from the jar: a fixed list,
 * read once, so no path a caller sends reaches the class loader.
 */
public final class Assets {
  private static final Map<String, String> TYPES =
      Map.of(
          "start.js", "text/javascript; charset=utf-8",
          "start.css", "text/css; charset=utf-8",
          "dashboard.js", "text/javascript; charset=utf-8",
          "dashboard.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> files;

  public Assets() {
    Map<String, byte[]> loaded = new java.util.HashMap<>();
    for (String name : TYPES.keySet()) {
      loaded.put(name, read(name));
    }
    files = Map.copyOf(loaded);
  }

  /** {@code GET /assets/{file}}. */
  public void serve(Context ctx) {
    String name = ctx.pathParam("file");
    byte[] body = files.get(name);
    if (body == null) {
      throw ProblemException.notFound("no asset named " + (name.length() > 64 ? "that" : name));
    }
    ctx.header("Cache-Control", "no-cache").contentType(TYPES.get(name)).result(body);
  }

  private static byte[] read(String name) {
    try (InputStream in =
        Assets.class.getResourceAsStream("/dev/terraauth/gateway/assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the gateway jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
