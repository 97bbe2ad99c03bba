package dev.terraauth.gateway.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.json.TerraJson;
import java.util.Base64;

/**
 * The strict shape of a signed compact JWT, checked before any key lookup or verification: three
 * non-empty segments of canonical unpadded base64url, a bounded size, and string {@code iss},
 * {@code aud} and user-id claims of bounded length without control characters. Nimbus alone skips
 * characters outside the base64url alphabet and turns a numeric {@code sub} into a string, so
 * without this check a signature with junk inserted, or {@code "sub": 12345}, would still be
 * accepted. Stateless.
 */
final class CompactToken {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();

  /** Larger tokens are refused unread: app tokens are a few hundred bytes, headers cap at 8 KB. */
  static final int MAX_TOKEN_CHARS = 8192;

  /** The user id becomes Terra's reference_id and a {@code VARCHAR(255)} column. */
  static final int MAX_CLAIM_CHARS = 255;

  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private CompactToken() {}

  /**
   * Checks the token text and the payload's claim types.
   *
   * @throws UnauthorizedException naming the segment or claim that is wrong, never its value
   */
  static void check(String token, String userIdClaim) {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new UnauthorizedException(
          "the bearer token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw new UnauthorizedException("the bearer token is not a signed JWT (three segments)");
    }
    canonical(token, 0, first, "header");
    byte[] payload = canonical(token, first + 1, second, "payload");
    canonical(token, second + 1, token.length(), "signature");
    claims(payload, userIdClaim);
  }

  private static byte[] canonical(String token, int from, int to, String segment) {
    if (from == to) {
      throw new UnauthorizedException("the bearer token's " + segment + " segment is empty");
    }
    for (int i = from; i < to; i++) {
      char c = token.charAt(i);
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!alphabet) {
        throw new UnauthorizedException(
            "the bearer token's "
                + segment
                + " segment is not base64url (character "
                + (i + 1)
                + ")");
      }
    }
    String text = token.substring(from, to);
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new UnauthorizedException("the bearer token's " + segment + " segment is truncated");
    }
    // the last character may carry unused bits: only the encoding with them zero is canonical
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw new UnauthorizedException(
          "the bearer token's " + segment + " segment is not canonical base64url");
    }
    return bytes;
  }

  private static void claims(byte[] payload, String userIdClaim) {
    JsonNode root;
    try {
      // a duplicate claim could be read one way here and another way by Nimbus: refuse it
      root =
          JSON.readerFor(JsonNode.class)
              .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
              .readValue(payload);
    } catch (JacksonException e) {
      throw new UnauthorizedException("the bearer token's payload is not JSON");
    } catch (java.io.IOException e) {
      throw new UnauthorizedException("the bearer token's payload could not be read");
    }
    if (root == null || !root.isObject()) {
      throw new UnauthorizedException("the bearer token's payload is not a JSON object");
    }
    boundedString(root.get(userIdClaim), userIdClaim);
    boundedString(root.get("iss"), "iss");
    JsonNode audience = root.get("aud");
    if (audience != null && audience.isArray()) {
      if (audience.isEmpty()) {
        throw new UnauthorizedException("the bearer token's claim 'aud' is an empty list");
      }
      audience.forEach(element -> boundedString(element, "aud"));
    } else {
      boundedString(audience, "aud");
    }
  }

  private static void boundedString(JsonNode value, String claim) {
    if (value == null || value.isNull()) {
      throw new UnauthorizedException("the bearer token has no string claim '" + claim + "'");
    }
    if (!value.isTextual()) {
      throw new UnauthorizedException(
          "the bearer token's claim '" + claim + "' must be a string, not " + value.getNodeType());
    }
    String text = value.textValue();
    if (text.isBlank()) {
      throw new UnauthorizedException("the bearer token's claim '" + claim + "' is blank");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      // a NUL cannot be stored in PostgreSQL (it failed as a 500), a line break forges log lines
      throw new UnauthorizedException(
          "the bearer token's claim '" + claim + "' contains a control character");
    }
    if (text.length() > MAX_CLAIM_CHARS) {
      throw new UnauthorizedException(
          "the bearer token's claim '"
              + claim
              + "' is longer than "
              + MAX_CLAIM_CHARS
              + " characters");
    }
  }
}
