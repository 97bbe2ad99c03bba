import Terra from "terra-api";

const terra = new Terra({ devId: process.env.TERRA_DEV_ID!, apiKey: process.env.TERRA_API_KEY! });
const apiKey: string = config.get("terra.apiKey");
const headers = { "dev-id": devId, "x-api-key": apiKey };
// request id for the terra support ticket: 123e4567-e89b-12d3-a456-426614174000
const traceId = "9f3c2b1a-7d4e-4f5a-8b6c-0d1e2f3a4b5c";
