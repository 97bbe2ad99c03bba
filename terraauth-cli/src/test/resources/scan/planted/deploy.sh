#!/bin/sh
set -eu
export TERRA_DEV_ID='{{DEVID:prod}}'
export TERRA_API_KEY={{KEY}}
TERRA_WEBHOOK_SECRET="{{SECRET}}" ./bin/worker --port 8080
