package com.example.health

object TerraModule {
    val devId = "{{DEVID:testing}}"
    val apiKey = "{{KEY}}"
    val terra = Terra(devId = "{{DEVID:prod}}", apiKey = "{{KEY}}")
}
