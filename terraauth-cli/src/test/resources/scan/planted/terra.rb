require "terra"

client = Terra::Client.new(dev_id: '{{DEVID:testing}}', api_key: '{{KEY}}')
OPTIONS = { :dev_id => "{{DEVID:testing}}", :webhook_secret => "{{SECRET}}" }
