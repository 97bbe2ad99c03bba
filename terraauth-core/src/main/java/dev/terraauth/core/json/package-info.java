/** Terra's JSON conventions for every module: {@link dev.terraauth.core.json.TerraJson}. */
package dev.terraauth.core.json;
