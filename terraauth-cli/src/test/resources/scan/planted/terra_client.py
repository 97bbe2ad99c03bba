import requests
from terra.base_client import Terra

terra = Terra(dev_id="{{DEVID:testing}}", api_key="{{KEY}}", secret="{{SECRET}}")

CREDENTIALS = {"dev_id": "{{DEVID:prod}}", "api_key": "{{KEY}}"}


def fetch_users():
    headers = {"dev-id": "{{DEVID:prod}}", "x-api-key": "{{KEY}}"}
    return requests.get("https://access.tryterra.co/api/v2/subscriptions", headers=headers)
