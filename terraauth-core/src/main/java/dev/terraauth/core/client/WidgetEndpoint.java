package dev.terraauth.core.client;

/** Which endpoint {@link TerraAuthClient#widgetSession} calls first. */
public enum WidgetEndpoint {
  /** {@code POST {base}/auth/generateWidgetSession}, deprecated by Terra for 2026-11-03. */
  LEGACY,
  /** The new endpoint at {@code TerraCredentials.widgetSessionUrl()}. */
  NEW
}
