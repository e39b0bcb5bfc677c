package dev.interlock.policy.packs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Verdict;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees from {@code interlock check} for the core packs (git, kubernetes, terraform, docker), with
 * every bundled pack loaded: the strictest rule, its severity, and the span on the words that matched.
 */
class CorePackDecisionsTest {
    private static final String CWD = "/home/dev/project";
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws PackException {
        engine = Policies.bundled();
    }

    private static Decision check(String command) {
        return engine.evaluate(new ShellCommand(command, CWD));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            git push --force origin main                         | git/push-force-protected   | high     | git push --force origin main
            git push -f origin feature/login                     | git/push-force             | medium   | git push -f origin feature/login
            git push -f                                          | git/push-force-current-branch | high  | git push -f
            git push --force-with-lease origin main              | git/push-lease-protected   | medium   | git push --force-with-lease origin main
            git push --force-with-lease                          | git/push-lease             | low      | git push --force-with-lease
            cd app && git fetch && git reset --hard origin/main  | git/reset-hard             | high     | git reset --hard origin/main
            git checkout -- .                                    | git/checkout-discard-all   | high     | git checkout -- .
            git clean -fdx                                       | git/clean                  | high     | git clean -fdx
            git push origin :release/2.0                         | git/push-delete-protected  | high     | git push origin :release/2.0
            git branch -D spike                                  | git/branch-force-delete    | medium   | git branch -D spike
            sudo git push -f origin HEAD:main                    | git/push-force-protected   | high     | git push -f origin HEAD:main
            kubectl --context prod delete ns payments            | kubernetes/delete-namespace| critical | kubectl --context prod delete ns payments
            kubectl delete pvc data-postgres-0 -n db             | kubernetes/delete-storage  | critical | kubectl delete pvc data-postgres-0 -n db
            kubectl delete deployment web                        | kubernetes/delete-resource | high     | kubectl delete deployment web
            kubectl delete pod web-7d9c                          | kubernetes/delete-pod      | low      | kubectl delete pod web-7d9c
            kubectl exec -it toolbox -- kubectl delete ns prod   | kubernetes/delete-namespace| critical | kubectl delete ns prod
            helm uninstall api -n prod                           | kubernetes/helm-uninstall  | high     | helm uninstall api -n prod
            terraform destroy -auto-approve                      | terraform/destroy          | critical | terraform destroy -auto-approve
            terraform -chdir=infra apply -auto-approve           | terraform/apply-unattended | high     | terraform -chdir=infra apply -auto-approve
            terragrunt run --all -- destroy                      | terraform/destroy          | critical | terragrunt run --all -- destroy
            'echo yes | terraform apply'                         | terraform/apply-unattended | high     | terraform apply
            tofu state rm aws_db_instance.main                   | terraform/state-rm         | high     | tofu state rm aws_db_instance.main
            docker compose -f prod.yml down -v                   | docker/compose-down-volumes| high     | docker compose -f prod.yml down -v
            docker system prune -af --volumes                    | docker/system-prune-volumes| critical | docker system prune -af --volumes
            docker volume rm pgdata                              | docker/volume-remove       | critical | docker volume rm pgdata
            docker run --rm -v /:/host alpine chroot /host       | docker/run-host-access     | high     | docker run --rm -v /:/host alpine chroot /host
            """)
    void asksWithTheRightRuleSeverityAndSpan(String command, String rule, String severity, String span) {
        Decision d = check(command);
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        assertEquals(Severity.valueOf(severity.toUpperCase()), d.severity(), d::summary);
        RuleMatch top = d.primary().orElseThrow();
        assertEquals(rule, top.qualifiedId(), d::summary);
        assertEquals("command", top.span().field());
        assertEquals(span, top.span().text());
        assertEquals(span, command.substring(top.span().start(), top.span().end()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "git status", "git log --oneline -20", "git diff --stat main...HEAD", "git branch -d feature/merged",
        "git checkout -b fix/bug-123", "git checkout main", "git switch -c feat/x", "git push origin feature/x",
        "git push -u origin HEAD", "git pull --rebase origin main", "git fetch --all --prune", "git stash",
        "git stash pop", "git reset --soft HEAD~1", "git restore --staged src/app.ts", "git clean -n -d",
        "git reflog", "git gc", "git remote prune origin", "git commit -m \"git reset --hard\"",
        "echo 'git push --force origin main'",
        "kubectl get pods -A", "kubectl describe deploy web", "kubectl logs -f deploy/web", "kubectl apply -f k8s/",
        "kubectl diff -f k8s/", "kubectl scale deploy web --replicas=5", "kubectl cordon node-1",
        "kubectl delete pod web-1 --dry-run=client -o yaml", "kubectl delete ns staging --dry-run=server",
        "helm list -A", "helm upgrade --install web ./chart -f values.yaml", "helm uninstall web --dry-run",
        "terraform init", "terraform plan", "terraform plan -destroy", "terraform validate", "terraform fmt",
        "terraform show tfplan", "terraform output -json", "terraform state list", "terraform import aws_instance.web i-1",
        "terragrunt run --all plan",
        "docker ps -a", "docker images", "docker logs -f web", "docker inspect web", "docker build -t app .",
        "docker compose up -d", "docker compose down", "docker volume ls", "docker system df", "docker image prune -f",
        "docker run -d -v pgdata:/var/lib/postgresql/data postgres:16",
    })
    void readOnlyLookAlikesAreAllowed(String command) {
        Decision d = check(command);
        assertEquals(Verdict.ALLOW, d.verdict(), d::summary);
        assertTrue(d.matches().isEmpty(), d::summary);
    }

    @Test
    void criticalRulesNameWhatAHumanMustType() {
        assertEquals("payments", check("kubectl delete namespace payments").target().orElse(null));
        assertEquals("data-postgres-0", check("kubectl delete pvc data-postgres-0").target().orElse(null));
        assertEquals("pgdata", check("docker volume rm pgdata").target().orElse(null));
        assertEquals("main", check("git push --force origin main").target().orElse(null));
    }

    @Test
    void aDryRunOnlyExcusesTheCommandThatCarriesIt() {
        Decision d = check("kubectl delete ns prod && kubectl delete ns staging --dry-run=client");
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        List<String> spans = d.matches().stream().map(m -> m.span().text()).toList();
        assertEquals(List.of("kubectl delete ns prod"), spans);
        assertEquals(Verdict.ASK, check("kubectl delete ns prod --dry-run=none").verdict());
    }

    @Test
    void eachSimpleCommandOfAScriptIsJudgedOnItsOwn() {
        Decision d = check("git stash && git checkout main && git push --force origin main && docker compose down -v");
        List<String> ids = d.matches().stream().map(RuleMatch::qualifiedId).toList();
        assertEquals(List.of("git/push-force-protected", "docker/compose-down-volumes"), ids);
    }
}
