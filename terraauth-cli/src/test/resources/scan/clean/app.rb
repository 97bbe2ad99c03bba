client = Terra::Client.new(dev_id: ENV["TERRA_DEV_ID"], api_key: ENV.fetch("TERRA_API_KEY"))
OPTIONS = { :webhook_secret => ENV["TERRA_WEBHOOK_SECRET"] }
