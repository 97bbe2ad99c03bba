package main

import "os"

var terraAPIKey = os.Getenv("TERRA_API_KEY")

func headers() map[string]string {
	devID, _ := os.LookupEnv("TERRA_DEV_ID")
	return map[string]string{"dev-id": devID, "x-api-key": terraAPIKey}
}
