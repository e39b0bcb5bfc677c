package dev.interlock.policy.packs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Provider-pack decisions as a user sees them, with every bundled pack loaded: the rule that holds the command
 * and the target a human must type, for the forms the engine learned for provider packs (flag aliases as
 * targets, provider CLIs' raw-API commands, package-runner wrappers).
 */
class ProviderPackDecisionsTest {
    private static final String CWD = "/home/dev/project";
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws PackException {
        engine = Policies.bundled();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            az group delete --name prod-rg --yes               | azure/resource-group-delete | prod-rg
            az group delete -n prod-rg -y                      | azure/resource-group-delete | prod-rg
            az group delete -g prod-rg                         | azure/resource-group-delete | prod-rg
            az group delete --resource-group=prod-rg           | azure/resource-group-delete | prod-rg
            az storage account delete -n acmeprod -g prod-rg -y | azure/storage-account-delete | acmeprod
            az vm delete -g prod-rg -n web-1 -y                | azure/vm-delete             | web-1
            az storage blob delete-batch -s uploads --account-name acmeprod | azure/storage-blob-delete-batch | uploads
            heroku destroy -a shop-prod -c shop-prod           | heroku/app-destroy        | shop-prod
            heroku apps:destroy --app=shop-prod --confirm shop-prod | heroku/app-destroy   | shop-prod
            az rest -m delete -u /subscriptions/0000/resourceGroups/prod-rg --uri-parameters api-version=2021-04-01 | azure/resource-group-delete | prod-rg
            az rest --method DELETE --url https://management.azure.com/subscriptions/0000/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/acmeprod?api-version=2023-01-01 | azure/storage-account-delete | acmeprod
            az rest -m post -u /subscriptions/0000/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/acme-kv/purge -b @body.json | azure/keyvault-purge | acme-kv
            stripe delete /v1/customers/cus_9s6XKzkNRiz8i3 --live --confirm | stripe/live-delete | customers/cus_9s6XKzkNRiz8i3
            stripe delete cus_9s6XKzkNRiz8i3 -c               | stripe/delete             | customers/cus_9s6XKzkNRiz8i3
            stripe post /v1/refunds -d charge=ch_3MmlLr --live | stripe/refund-create      | ch_3MmlLr
            pnpm prisma migrate reset                        | prisma/migrate-reset       |
            pnpm --filter api exec prisma migrate reset --force | prisma/migrate-reset    |
            yarn --cwd apps/api prisma db push --force-reset  | prisma/db-push-force-reset |
            """)
    void holdsWithTheRuleAndTarget(String command, String rule, String target) {
        Decision d = engine.evaluate(new ShellCommand(command, CWD));
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        RuleMatch m = d.matches().stream().filter(x -> x.qualifiedId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not match: " + d.summary()));
        assertEquals(target, m.target(), d::summary);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'curl -X POST https://api.supabase.com/v1/projects/abcdefghijklmnopqrst/database/query -H ''Content-Type: application/json'' -d ''{"query": "select 1; begin; truncate table public.profiles cascade; commit;"}''' | supabase/sql-query-drop | truncate table public.profiles cascade | public.profiles
            """)
    void carriedSqlIsShownAtTheStatement(String command, String rule, String span, String target) {
        Decision d = engine.evaluate(new ShellCommand(command, CWD));
        RuleMatch m = d.matches().stream().filter(x -> x.qualifiedId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not match: " + d.summary()));
        assertEquals(span, m.span().text(), d::summary);
        assertEquals(command.indexOf(span), m.span().start());
        assertEquals(target, m.target());
    }
}
