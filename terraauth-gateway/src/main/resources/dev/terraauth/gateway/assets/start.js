// The local start page. Rules: an error stays until dismissed or replaced by another; the page
// only polls while something is pending; every state says what it means and what to do next.
"use strict";
const $ = (id) => document.getElementById(id);
const TOKEN = "terraauth.token";
const USER = "terraauth.user";
const POLL_MS = 2000;
const SDK_SOURCES = { APPLE: "Apple Health", SAMSUNG: "Samsung Health", HEALTH_CONNECT: "Health Connect" };
const token = () => sessionStorage.getItem(TOKEN);
let pollTimer = null;
let pendingDisconnect = null;

function providerName(id) {
  if (!id) return "the data source";
  return SDK_SOURCES[id] || id.charAt(0) + id.slice(1).toLowerCase().replace(/_/g, " ");
}

function showError(message) {
  $("error-text").textContent = message;
  $("error").hidden = false;
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { Authorization: "Bearer " + token(), "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new Error("the gateway could not be reached; is terra-auth serve still running?");
  }
  if (response.status === 401) {
    signOut();
    throw new Error("your sign-in is no longer valid (it lasts an hour and ends when serve restarts); sign in again.");
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const retry = response.headers.get("Retry-After");
    const facts = ["HTTP " + response.status + (problem.title ? " " + problem.title : "")];
    if (retry) facts.push("retry after " + retry + " s");
    if (problem.request_id) facts.push("request id " + problem.request_id);
    throw new Error((problem.detail || response.statusText || "no detail") + " [" + facts.join(", ") + "]");
  }
  return response.status === 204 ? null : response.json();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function time(iso) {
  const node = element("time", "", new Date(iso).toLocaleString());
  node.dateTime = iso;
  node.title = iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  return node;
}

function reason(detail) {
  return detail ? " (" + detail + ")" : "";
}

/** One sentence and the next step for each connection state. */
function explain(connection) {
  switch (connection.state) {
    case "active": return ["Connected: this source shares its data.", "disconnect"];
    case "error": return ["The provider stopped accepting Terra's access" + reason(connection.detail) + ". Reconnect to continue.", "reconnect"];
    case "revoked": return ["Access was revoked at the provider. Reconnect to share data again.", "reconnect"];
    case "deauthenticated": return ["Disconnected; no data flows. Reconnect to share data again.", "reconnect"];
    default: return ["State " + connection.state + ".", null];
  }
}

function explainSession(session) {
  const sdk = session.hint === "mobile_sdk";
  switch (session.status) {
    case "pending":
      if (sdk) return "A mobile-SDK source was chosen: it finishes in the app, not in this browser.";
      return session.kind === "mobile_token" ? "Waiting for the app to use it in Terra's mobile SDK." : "Waiting for the widget, then for Terra's webhook.";
    case "completed": return "Connected.";
    case "failed": return "Failed" + reason(session.detail) + ".";
    case "expired": return sdk ? "Expired: mobile-SDK sources never finish in a browser." : "Expired without a result from Terra.";
    default: return session.status;
  }
}

function renderConnections(connections) {
  const list = $("connections");
  list.replaceChildren();
  if (!connections.length) {
    list.append(element("p", "empty", "No connections yet: press “Connect a wearable”."));
    return;
  }
  for (const connection of connections) {
    const [sentence, action] = explain(connection);
    const item = element("div", "item connection");
    item.dataset.provider = connection.provider;
    item.dataset.state = connection.state;
    const title = element("div", "title", providerName(connection.provider));
    title.append(element("span", "badge state-" + connection.state, connection.state));
    const meta = element("div", "meta", "Terra user ");
    meta.append(element("code", "", connection.terra_user_id), " · updated ", time(connection.updated_at));
    const actions = element("div", "actions");
    if (action === "disconnect") {
      const button = element("button", "disconnect", "Disconnect");
      button.type = "button";
      button.onclick = () => confirmDisconnect(connection);
      actions.append(button);
    } else if (action === "reconnect") {
      const button = element("button", "reconnect primary", "Reconnect");
      button.type = "button";
      button.onclick = () => connect(connection.provider ? [connection.provider] : []);
      actions.append(button);
    }
    item.append(title, element("div", "sentence", sentence), meta, actions);
    list.append(item);
  }
}

function renderSessions(sessions) {
  const list = $("sessions");
  list.replaceChildren();
  if (!sessions.length) {
    list.append(element("p", "empty", "None yet."));
    return;
  }
  for (const session of sessions.slice(0, 10)) {
    const item = element("div", "item session");
    item.dataset.status = session.status;
    const title = element("div", "title", session.kind === "widget" ? "Widget session" : session.kind.replace("_", " "));
    title.append(element("span", "badge state-" + session.status, session.status));
    const meta = element("div", "meta", "issued ");
    meta.append(time(session.issued_at));
    item.append(title, element("div", "sentence", explainSession(session)), meta);
    list.append(item);
  }
}

/** Something still to come from Terra: poll for it; otherwise stop polling. */
function stillPending(data) {
  return data.connections.some((c) => c.state === "pending") ||
    data.sessions.some((s) => s.status === "pending" && s.hint !== "mobile_sdk" && s.kind === "widget");
}

async function refresh() {
  clearTimeout(pollTimer);
  pollTimer = null;
  if (!token()) return;
  let data;
  try {
    data = await api("GET", "/api/terra/connections");
  } catch (e) {
    showError("Could not load your connections: " + e.message);
    return;
  }
  renderConnections(data.connections);
  renderSessions(data.sessions);
  noticeFromConnections(data.connections);
  if (stillPending(data)) {
    $("sync").textContent = "Waiting for Terra: checking every " + POLL_MS / 1000 + " s.";
    pollTimer = setTimeout(refresh, POLL_MS);
  } else {
    $("sync").textContent = "Up to date (" + new Date().toLocaleTimeString() + "); nothing pending.";
  }
}

/** What the widget's redirect said, shown until dismissed; the webhook decides the truth. */
function showReturned() {
  const params = new URLSearchParams(location.search);
  const outcome = params.get("terra_connection");
  if (!outcome) return;
  const provider = providerName(params.get("terra_provider"));
  const why = params.get("terra_reason");
  const box = $("returned");
  $("returned-retry").hidden = true;
  box.dataset.outcome = outcome;
  box.dataset.provider = params.get("terra_provider") || "";
  if (outcome === "success") {
    box.className = "alert alert-info";
    $("returned-text").textContent = "Back from the widget: " + provider + " was approved. Waiting for Terra's webhook to confirm the connection…";
  } else if (outcome === "failure") {
    box.className = "alert alert-error";
    $("returned-text").textContent = "Connecting " + provider + " failed" + (why ? ": Terra's reason is “" + why + "”." : " (the widget gave no reason).") + " Nothing was connected.";
    $("returned-retry").hidden = false;
  } else if (outcome === "mobile_sdk") {
    box.className = "alert alert-warn";
    $("returned-text").textContent = provider + " is a mobile-SDK source: it connects through Terra's SDK inside your app on the phone, not in a browser. Nothing will change on this page; the widget session expires unused.";
  } else {
    box.className = "alert alert-warn";
    $("returned-text").textContent = "Back from the widget, but this gateway did not issue that session, so nothing can be shown for it.";
  }
  box.hidden = false;
}

function noticeFromConnections(connections) {
  const box = $("returned");
  if (box.hidden || box.dataset.outcome !== "success") return;
  const confirmed = connections.find((c) => c.state === "active" && (!box.dataset.provider || c.provider === box.dataset.provider));
  if (confirmed) {
    box.className = "alert alert-ok";
    $("returned-text").textContent = "Connected: Terra confirmed " + providerName(confirmed.provider) + ".";
    box.dataset.outcome = "confirmed";
  }
}

async function connect(providers) {
  try {
    const session = await api("POST", "/api/terra/widget-session", providers.length ? { providers } : {});
    location.href = session.url;
  } catch (e) {
    showError("Could not start connecting: " + e.message);
  }
}

function confirmDisconnect(connection) {
  pendingDisconnect = connection;
  $("confirm-text").textContent = "Disconnect " + providerName(connection.provider) + "? Terra stops sending its data, and you would have to connect it again.";
  $("confirm").showModal();
}

async function disconnect(connection) {
  try {
    await api("DELETE", "/api/terra/connections/" + encodeURIComponent(connection.terra_user_id));
  } catch (e) {
    showError("Could not disconnect " + providerName(connection.provider) + ": " + e.message);
  }
  refresh();
}

function show() {
  const signedIn = !!token();
  $("signed-out").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  $("who").textContent = sessionStorage.getItem(USER) || "";
  if (signedIn) {
    showReturned();
    refresh();
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(USER);
  clearTimeout(pollTimer);
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  $("login").onsubmit = async (event) => {
    event.preventDefault();
    let response;
    try {
      response = await fetch("/dev/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: $("name").value }) });
    } catch (e) {
      showError("The gateway could not be reached; is terra-auth serve still running?");
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      showError("Could not sign in: " + (body.detail || response.status));
      return;
    }
    sessionStorage.setItem(TOKEN, body.token);
    sessionStorage.setItem(USER, body.user_id);
    show();
  };
  $("logout").onclick = signOut;
  $("connect").onclick = () => connect([]);
  $("returned-retry").onclick = () => connect([]);
  $("dismiss-error").onclick = () => { $("error").hidden = true; };
  $("dismiss-returned").onclick = () => {
    $("returned").hidden = true;
    history.replaceState(null, "", location.pathname);
  };
  $("confirm").addEventListener("close", () => {
    const connection = pendingDisconnect;
    pendingDisconnect = null;
    if ($("confirm").returnValue === "yes" && connection) disconnect(connection);
  });
  show();
});
