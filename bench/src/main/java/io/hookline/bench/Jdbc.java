package io.hookline.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** The one JDBC helper the classes that read and write Hookline's database share. */
final class Jdbc {

    private Jdbc() {
    }

    static Array array(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray());
    }
}
