package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.imagesearch.config.Settings;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alias table on the real PostgreSQL: switches, rollbacks and the names it refuses. */
@ExtendWith(RealServices.class)
class TableAliasesIT {
    @Test
    void switchesAndRollsBackRememberingThePreviousTable(TestServices services) throws Exception {
        String alias = TestServices.uniqueName("alias");
        Settings.Database db = services.database(alias);
        try (Connection c = PostgresConnections.open(db)) {
            create(c, alias);
            create(c, alias + "_v2");
            assertEquals(alias, TableAliases.target(c, alias), "a name without a row is the table of that name");

            TableAliases.Alias switched = TableAliases.switchTo(c, alias, alias + "_v2");
            assertEquals(alias + "_v2", switched.target());
            assertEquals(alias, switched.previous());
            assertEquals(alias + "_v2", TableAliases.target(c, alias));

            TableAliases.Alias back = TableAliases.rollback(c, alias);
            assertEquals(alias, back.target());
            assertEquals(alias + "_v2", back.previous(), "a second rollback would go forward again");
            assertEquals(alias, TableAliases.find(c, alias).target());
        }
    }

    @Test
    void refusesMissingTablesTheCurrentTargetAndANeverSwitchedRollback(TestServices services) throws Exception {
        String alias = TestServices.uniqueName("alias");
        try (Connection c = PostgresConnections.open(services.database(alias))) {
            create(c, alias);
            assertTrue(assertThrows(IllegalStateException.class, () -> TableAliases.switchTo(c, alias, alias + "_none"))
                    .getMessage().contains("there is no table " + alias + "_none"));
            assertTrue(assertThrows(IllegalStateException.class, () -> TableAliases.switchTo(c, alias, alias))
                    .getMessage().contains("already points to"));
            assertTrue(assertThrows(IllegalStateException.class, () -> TableAliases.rollback(c, alias))
                    .getMessage().contains("was never switched"));
            assertNull(TableAliases.find(c, alias));
        }
    }

    /** A target written into the alias table by hand is validated before it reaches SQL text. */
    @Test
    void aTargetThatIsNoTableNameIsRefusedWhenReadBack(TestServices services) throws Exception {
        String alias = TestServices.uniqueName("alias");
        try (Connection c = PostgresConnections.open(services.database(alias))) {
            TableAliases.ensure(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TableAliases.TABLE
                    + " (alias, target, switched_at) VALUES (?, ?, now())")) {
                ps.setString(1, alias);
                ps.setString(2, "x; DROP TABLE image_search");
                ps.execute();
            }
            assertTrue(assertThrows(IllegalArgumentException.class, () -> TableAliases.target(c, alias))
                    .getMessage().contains("table name must match"));
        }
    }

    private static void create(Connection c, String table) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("CREATE TABLE " + table + " (id bigint)")) {
            ps.execute();
        }
    }
}
