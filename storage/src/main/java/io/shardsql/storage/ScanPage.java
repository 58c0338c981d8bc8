package io.shardsql.storage;

import java.util.List;

/**
 * One page of a range scan: the entries it returns, in key order, and the key the next page starts
 * at ({@code null}: nothing of the range is left).
 */
public record ScanPage(List<KvEntry> entries, byte[] resumeKey) {
    public ScanPage {
        entries = List.copyOf(entries);
    }
}
