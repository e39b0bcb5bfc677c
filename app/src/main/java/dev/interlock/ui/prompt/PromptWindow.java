package dev.interlock.ui.prompt;

import dev.interlock.broker.AnswerRejectedException;
import dev.interlock.broker.ApprovalDesk;
import dev.interlock.broker.ApprovalListener;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The always-on-top pop-up window: shows itself when the broker holds an action for a human, queues further ones,
 * hides when nothing is left. Listens to the {@link ApprovalDesk} (broker threads) and hops to the FX thread.
 */
public final class PromptWindow implements ApprovalListener {
    public static final long INPUT_GUARD_MILLIS = 700;

    private final ApprovalDesk desk;
    private final ApprovalQueue queue = new ApprovalQueue();
    private final ExecutorService answers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "interlock-answers");
        t.setDaemon(true);
        return t;
    });
    private final PromptView view;
    private final Stage stage;
    private Consumer<Integer> pendingCount = n -> { };
    private java.util.function.Predicate<PendingApproval> handledElsewhere = p -> false;

    public PromptWindow(ApprovalDesk desk, Clock clock, long inputGuardMillis) {
        Fx.checkThread();
        this.desk = desk;
        this.view = new PromptView(queue, this::answer, clock, inputGuardMillis);
        this.stage = new Stage(StageStyle.UTILITY);
        stage.setAlwaysOnTop(true);
        stage.setResizable(true);
        Scene scene = new Scene(view.root(), 860, 720);
        Theme.style(scene);
        view.install(scene);
        stage.setScene(scene);
        view.onTitle(stage::setTitle);
        // closing the window is "decide later": the requests stay held (and show in the tray) until their deadline
        stage.setOnCloseRequest(e -> stage.hide());
        queue.items().addListener((javafx.collections.ListChangeListener<PendingApproval>) c -> {
            pendingCount.accept(queue.size());
            if (queue.size() == 0) {
                stage.hide();
            }
        });
    }

    /** Subscribes to the desk and shows what is already pending. */
    public PromptWindow attach() {
        desk.subscribe(this);
        for (PendingApproval p : desk.pending()) {
            added(p);
        }
        return this;
    }

    public void detach() {
        desk.unsubscribe(this);
    }

    public void preselect(java.util.function.Supplier<dev.interlock.broker.Grant.Lifetime> lifetime) {
        view.preselect(lifetime);
    }

    /** Approvals this window should not show (answered automatically while protection is paused). */
    public void skipWhen(java.util.function.Predicate<PendingApproval> test) {
        this.handledElsewhere = test;
    }

    public void onPendingCount(Consumer<Integer> sink) {
        this.pendingCount = sink;
    }

    public ApprovalQueue queue() {
        return queue;
    }

    public PromptView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }

    /** Brings the window back (tray "pending approvals"). */
    public void reveal() {
        Fx.run(() -> {
            if (queue.size() > 0) {
                show();
            }
        });
    }

    // ---- ApprovalListener (broker threads)

    @Override
    public void added(PendingApproval approval) {
        if (handledElsewhere.test(approval)) {
            return;
        }
        Fx.run(() -> {
            queue.put(approval);
            if (!stage.isShowing()) {
                show();
            }
        });
    }

    @Override
    public void updated(PendingApproval approval) {
        Fx.run(() -> {
            if (queue.find(approval.id()).isPresent()) {
                queue.put(approval);
            }
        });
    }

    @Override
    public void resolved(PendingApproval approval, Resolution resolution) {
        Fx.run(() -> queue.remove(approval.id()));
    }

    private void show() {
        view.arm();
        Rectangle2D b = Screen.getPrimary().getVisualBounds();
        double w = Math.min(queue.size() > 1 ? 920 : 860, b.getWidth() - 24);
        double h = Math.min(720, b.getHeight() - 24);
        stage.setWidth(w);
        stage.setHeight(h);
        stage.setX(b.getMaxX() - w - 12);
        stage.setY(b.getMinY() + 12);
        stage.show();
        stage.toFront();
    }

    private CompletableFuture<Void> answer(String id, dev.interlock.broker.HumanAnswer a) {
        return CompletableFuture.runAsync(() -> {
            try {
                desk.answer(id, a);
            } catch (AnswerRejectedException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, answers);
    }
}
