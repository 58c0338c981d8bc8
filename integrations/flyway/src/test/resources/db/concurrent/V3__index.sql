CREATE INDEX c_log_note_idx ON c_log (note);
