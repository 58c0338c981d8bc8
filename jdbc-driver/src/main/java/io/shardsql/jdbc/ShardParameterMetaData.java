package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.meta.TypeMapping;
import io.shardsql.protocol.message.ParameterMetadata;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** {@link ParameterMetaData} from the {@code Prepared} answer: every parameter is an IN parameter. */
final class ShardParameterMetaData implements ParameterMetaData {
    private final List<ParameterMetadata> parameters;

    ShardParameterMetaData(List<ParameterMetadata> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    private ParameterMetadata parameter(int p) throws SQLException {
        if (p < 1 || p > parameters.size()) {
            throw SqlErrors.general("parameter index " + p + " out of range 1.." + parameters.size());
        }
        return parameters.get(p - 1);
    }

    @Override public int getParameterCount() { return parameters.size(); }
    @Override public int isNullable(int p) throws SQLException { return parameter(p).nullable(); }

    @Override
    public boolean isSigned(int p) throws SQLException {
        return TypeMapping.isSigned(parameter(p).jdbcType());
    }

    @Override public int getPrecision(int p) throws SQLException { return parameter(p).precision(); }
    @Override public int getScale(int p) throws SQLException { return parameter(p).scale(); }
    @Override public int getParameterType(int p) throws SQLException { return parameter(p).jdbcType(); }
    @Override public String getParameterTypeName(int p) throws SQLException { return parameter(p).typeName(); }

    @Override
    public String getParameterClassName(int p) throws SQLException {
        return TypeMapping.javaClassName(parameter(p).jdbcType());
    }

    @Override
    public int getParameterMode(int p) throws SQLException {
        parameter(p);
        return ParameterMetaData.parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlErrors.general("not a wrapper for " + iface.getName());
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
