import os

from terra.base_client import Terra

terra = Terra(dev_id=os.getenv("TERRA_DEV_ID"), api_key=os.getenv("TERRA_API_KEY"))
api_key = os.environ["TERRA_API_KEY"]
webhook_secret = os.environ.get("TERRA_WEBHOOK_SECRET", "")
CREDENTIALS = {"dev_id": settings.TERRA_DEV_ID, "api_key": settings.TERRA_API_KEY}
api_key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
api_key = "short1"
# commit 3f786850e387550fdab836ed7e6dc881de23001b fixed the terra webhook retry
