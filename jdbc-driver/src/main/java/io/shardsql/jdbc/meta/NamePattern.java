package io.shardsql.jdbc.meta;

import java.util.regex.Pattern;

/**
 * A {@code DatabaseMetaData} name pattern: {@code %} any string, {@code _} any one character,
 * {@code \} escapes the next character (the search string escape). null matches every name.
 * Names are compared exactly: ShardSQL stores unquoted names folded to lower case.
 */
record NamePattern(Pattern regex) {

    static NamePattern of(String pattern) {
        if (pattern == null) return new NamePattern(null);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            else if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return new NamePattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || (name != null && regex.matcher(name).matches());
    }
}
