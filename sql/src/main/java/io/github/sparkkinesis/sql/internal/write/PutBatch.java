package io.github.sparkkinesis.sql.internal.write;

import java.util.List;

/** The records of one PutRecords call: one stream, within the call's record and byte limits. */
public record PutBatch(String stream, List<PutEntry> entries) {

    public PutBatch {
        entries = List.copyOf(entries);
    }

    public long size() {
        return entries.stream().mapToLong(PutEntry::size).sum();
    }

    public int userRecords() {
        return entries.stream().mapToInt(PutEntry::userRecords).sum();
    }
}
