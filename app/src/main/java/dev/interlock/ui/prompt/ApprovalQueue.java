package dev.interlock.ui.prompt;

import dev.interlock.broker.PendingApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The pending approvals one pop-up window shows, grouped by agent (in order of each agent's first request) and in
 * arrival order inside a group. New arrivals never move the item the user is looking at. FX thread only.
 */
public final class ApprovalQueue {
    private final ObservableList<PendingApproval> items = FXCollections.observableArrayList();
    private final ObservableList<PendingApproval> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyObjectWrapper<PendingApproval> current = new ReadOnlyObjectWrapper<>();

    // ---- properties

    public ObservableList<PendingApproval> items() {
        return readOnlyItems;
    }

    public ReadOnlyObjectProperty<PendingApproval> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public PendingApproval current() {
        return current.get();
    }

    public int size() {
        return items.size();
    }

    /** 1-based position of the current item, 0 when empty. */
    public int position() {
        PendingApproval c = current.get();
        return c == null ? 0 : indexOf(c.id()) + 1;
    }

    // ---- commands

    /** Adds a new approval or replaces an updated one (same id). */
    public void put(PendingApproval approval) {
        int at = indexOf(approval.id());
        if (at >= 0) {
            items.set(at, approval);
            if (current.get() != null && current.get().id().equals(approval.id())) {
                current.set(approval);
            }
            return;
        }
        List<PendingApproval> all = new ArrayList<>(items);
        all.add(approval);
        items.setAll(grouped(all));
        if (current.get() == null) {
            current.set(approval);
        }
    }

    /** Removes a resolved approval; the current item moves to the next one (or the previous when it was last). */
    public void remove(String id) {
        int at = indexOf(id);
        if (at < 0) {
            return;
        }
        boolean wasCurrent = current.get() != null && current.get().id().equals(id);
        items.remove(at);
        if (wasCurrent) {
            current.set(items.isEmpty() ? null : items.get(Math.min(at, items.size() - 1)));
        }
    }

    public void next() {
        move(1);
    }

    public void previous() {
        move(-1);
    }

    public void select(String id) {
        int at = indexOf(id);
        if (at >= 0) {
            current.set(items.get(at));
        }
    }

    public Optional<PendingApproval> find(String id) {
        int at = indexOf(id);
        return at < 0 ? Optional.empty() : Optional.of(items.get(at));
    }

    /** Agent → its approvals, in display order. */
    public Map<String, List<PendingApproval>> groups() {
        Map<String, List<PendingApproval>> out = new LinkedHashMap<>();
        for (PendingApproval p : items) {
            out.computeIfAbsent(p.origin().agent(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private void move(int delta) {
        if (items.isEmpty()) {
            return;
        }
        int at = Math.max(0, position() - 1);
        current.set(items.get(Math.floorMod(at + delta, items.size())));
    }

    private int indexOf(String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static List<PendingApproval> grouped(List<PendingApproval> all) {
        Map<String, List<PendingApproval>> byAgent = new LinkedHashMap<>();
        for (PendingApproval p : all) {
            byAgent.computeIfAbsent(p.origin().agent(), k -> new ArrayList<>()).add(p);
        }
        List<PendingApproval> out = new ArrayList<>();
        byAgent.values().forEach(out::addAll);
        return out;
    }
}
