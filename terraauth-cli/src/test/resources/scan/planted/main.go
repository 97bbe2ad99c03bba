package main

import "net/http"

const terraDevID = "{{DEVID:staging}}"

func newRequest() (*http.Request, error) {
	apiKey := "{{KEY}}"
	req, err := http.NewRequest("GET", "https://access.tryterra.co/api/v2/subscriptions", nil)
	req.Header.Set("dev-id", terraDevID)
	req.Header.Set("x-api-key", "{{KEY}}")
	_ = apiKey
	return req, err
}
