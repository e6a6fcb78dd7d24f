package dev.rustreview.cli;

import dev.rustreview.model.Severity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code critical}, {@code high}, {@code medium} or {@code low}, any case. */
final class SeverityConverter implements ITypeConverter<Severity> {

    @Override
    public Severity convert(String value) {
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a severity: use critical, high, medium or low");
        }
    }
}
