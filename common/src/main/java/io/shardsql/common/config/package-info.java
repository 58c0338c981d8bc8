/** Typed configuration keys ({@link io.shardsql.common.config.ConfigKey}): name, default, parser, meaning. */
package io.shardsql.common.config;
