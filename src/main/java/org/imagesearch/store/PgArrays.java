package org.imagesearch.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;

/** {@code float[]} to and from PostgreSQL {@code real[]} values. */
public final class PgArrays {
    private PgArrays() {}

    public static Array real(Connection connection, float[] values) throws SQLException {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return connection.createArrayOf("float4", boxed);
    }

    public static float[] floats(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).floatValue();
        }
        return out;
    }
}
