package org.panelwatch.alert.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.panelwatch.alert.telemetry.DeliveryTrace;

/** The trace and ingest time of each alert delivery (table delivery_trace), written with the delivery. */
@ApplicationScoped
public class DeliveryTraceRepository {

    private final AgroalDataSource dataSource;

    public DeliveryTraceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** In the caller's transaction, so a delivery and its trace are committed together. */
    public void insertAll(Map<String, DeliveryTrace> byDeliveryId) {
        if (byDeliveryId.isEmpty()) {
            return;
        }
        int n = byDeliveryId.size();
        String[] ids = new String[n];
        String[] traceparents = new String[n];
        Timestamp[] ingested = new Timestamp[n];
        int i = 0;
        for (Map.Entry<String, DeliveryTrace> e : byDeliveryId.entrySet()) {
            ids[i] = e.getKey();
            traceparents[i] = e.getValue().traceparent();
            ingested[i] = e.getValue().ingestedAt() == null ? null : Timestamp.from(e.getValue().ingestedAt());
            i++;
        }
        String sql = "INSERT INTO delivery_trace (delivery_id, traceparent, ingested_at) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[]) ON CONFLICT DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", ids));
            st.setArray(2, c.createArrayOf("text", traceparents));
            st.setArray(3, c.createArrayOf("timestamptz", ingested));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store delivery traces", e);
        }
    }

    public Map<String, DeliveryTrace> find(List<String> deliveryIds) {
        Map<String, DeliveryTrace> found = new HashMap<>();
        if (deliveryIds.isEmpty()) {
            return found;
        }
        String sql = "SELECT delivery_id, traceparent, ingested_at FROM delivery_trace WHERE delivery_id = ANY(?::text[])";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", deliveryIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(3);
                    found.put(rs.getString(1), new DeliveryTrace(rs.getString(2), at == null ? null : at.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read delivery traces", e);
        }
        return found;
    }
}
