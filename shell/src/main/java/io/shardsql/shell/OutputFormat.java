package io.shardsql.shell;

import java.io.PrintWriter;
import java.util.function.Function;

/** The shell's {@code --format}: how results are printed. */
public enum OutputFormat {
    TABLE(TablePrinter::new),
    CSV(CsvPrinter::new),
    JSON(JsonPrinter::new);

    private final Function<PrintWriter, ResultPrinter> factory;

    OutputFormat(Function<PrintWriter, ResultPrinter> factory) {
        this.factory = factory;
    }

    ResultPrinter printer(PrintWriter out) {
        return factory.apply(out);
    }
}
