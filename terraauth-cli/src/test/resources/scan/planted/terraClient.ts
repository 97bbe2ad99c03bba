import Terra from "terra-api";

export const terra = new Terra({ devId: '{{DEVID:testing}}', apiKey: '{{KEY}}' });

export async function users() {
  return fetch("https://access.tryterra.co/api/v2/subscriptions", {
    headers: { "dev-id": "{{DEVID:testing}}", "x-api-key": `{{KEY}}` },
  });
}
