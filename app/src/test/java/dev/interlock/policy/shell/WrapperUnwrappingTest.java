package dev.interlock.policy.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each wrapper runs the command inside it: the inner command is a subject of its own, with its args and via. */
class WrapperUnwrappingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            sudo -u root -E rm -rf /x                         | rm | -rf /x        | sudo
            sudo -- rm -rf /x                                 | rm | -rf /x        | sudo
            sudo FOO=1 rm -rf /x                              | rm | -rf /x        | sudo
            doas -u admin rm -rf /x                           | rm | -rf /x        | doas
            env -i PATH=/bin FOO=bar rm -rf /x                | rm | -rf /x        | env
            env -u HOME rm -rf /x                             | rm | -rf /x        | env
            env -S 'rm -rf /x'                                | rm | -rf /x        | env -S
            command rm -rf /x                                 | rm | -rf /x        | command
            exec -a name rm -rf /x                            | rm | -rf /x        | exec
            nohup rm -rf /x                                   | rm | -rf /x        | nohup
            time -p rm -rf /x                                 | rm | -rf /x        | time
            nice -n 19 rm -rf /x                              | rm | -rf /x        | nice
            nice -10 rm -rf /x                                | rm | -rf /x        | nice
            ionice -c 3 rm -rf /x                             | rm | -rf /x        | ionice
            timeout 10 rm -rf /x                              | rm | -rf /x        | timeout
            timeout -k 5 -s KILL 1m rm -rf /x                 | rm | -rf /x        | timeout
            stdbuf -oL -e 0 rm -rf /x                         | rm | -rf /x        | stdbuf
            setsid -f rm -rf /x                               | rm | -rf /x        | setsid
            taskset -c 0,1 rm -rf /x                          | rm | -rf /x        | taskset
            flock /tmp/lock rm -rf /x                         | rm | -rf /x        | flock
            flock -w 5 /tmp/lock -c 'rm -rf /x'               | rm | -rf /x        | flock -c
            chroot /mnt rm -rf /x                             | rm | -rf /x        | chroot /mnt
            xargs -0 -n 1 -P 4 rm -rf                         | rm | -rf           | xargs
            xargs -I{} rm -rf {}                              | rm | -rf {}        | xargs
            parallel -j 4 rm -rf ::: a b                      | rm | -rf           | parallel
            parallel 'rm -rf {}' ::: a b                      | rm | -rf {}        | parallel
            find . -type d -exec rm -rf {} +                  | rm | -rf {}        | find -exec
            find . -execdir rm -f {} \\;                      | rm | -f {}         | find -execdir
            find . -ok rm {} ;                                | rm | {}            | find -ok
            npx -y rimraf@5 dist                              | rimraf | dist      | npx
            npx --package=foo -- bar --flag                   | bar | --flag       | npx
            bunx rimraf dist                                  | rimraf | dist      | bunx
            pnpx rimraf dist                                  | rimraf | dist      | pnpx
            pnpm dlx rimraf dist                              | rimraf | dist      | pnpm dlx
            yarn dlx rimraf dist                              | rimraf | dist      | yarn dlx
            npm exec -- rimraf dist                           | rimraf | dist      | npm exec
            npx -c 'rm -rf dist'                              | rm | -rf dist      | npx -c
            uvx --from 'alembic==1.13' alembic downgrade base | alembic | downgrade base | uvx
            uvx ruff@latest check .                           | ruff | check .      | uvx
            uv tool run -p 3.12 alembic downgrade base        | alembic | downgrade base | uv tool run
            pipx run --spec alembic alembic downgrade base    | alembic | downgrade base | pipx run
            pnpm prisma migrate reset --force                 | prisma | migrate reset --force | pnpm
            pnpm --filter api prisma migrate reset            | prisma | migrate reset | pnpm
            pnpm -F=api --silent prisma db push --force-reset | prisma | db push --force-reset | pnpm
            pnpm -r exec rm -rf node_modules                  | rm | -rf node_modules | pnpm exec
            pnpm --filter api exec prisma migrate reset       | prisma | migrate reset | pnpm exec
            pnpm -c exec 'rm -rf dist'                        | rm | -rf dist      | pnpm exec -c
            yarn prisma migrate reset                         | prisma | migrate reset | yarn
            yarn run prisma migrate reset                     | prisma | migrate reset | yarn run
            yarn --cwd api knex migrate:rollback --all        | knex | migrate:rollback --all | yarn
            yarn workspace api prisma migrate reset           | prisma | migrate reset | yarn workspace api
            yarn exec rimraf dist                             | rimraf | dist      | yarn exec
            bun run prisma migrate reset                      | prisma | migrate reset | bun run
            bunx --bun prisma migrate reset                   | prisma | migrate reset | bunx
            bash -c 'rm -rf /x'                               | rm | -rf /x        | bash -c
            sh -ec 'rm -rf /x'                                | rm | -rf /x        | sh -c
            zsh -lc 'rm -rf /x'                               | rm | -rf /x        | zsh -c
            dash -c 'rm -rf /x'                               | rm | -rf /x        | dash -c
            ksh -x -c 'rm -rf /x' name arg                    | rm | -rf /x        | ksh -c
            bash -o pipefail -c 'rm -rf /x'                   | rm | -rf /x        | bash -c
            eval 'rm -rf /x'                                  | rm | -rf /x        | eval
            eval rm -rf /x                                    | rm | -rf /x        | eval
            ssh host 'rm -rf /x'                              | rm | -rf /x        | ssh host
            ssh -i key -p 2222 -o StrictHostKeyChecking=no user@host rm -rf /x | rm | -rf /x | ssh user@host
            docker exec -it web rm -rf /x                     | rm | -rf /x        | docker exec web
            docker exec -u root -w /app web rm -rf /x         | rm | -rf /x        | docker exec web
            docker -H tcp://h:2375 container exec web rm -rf /x | rm | -rf /x      | docker exec web
            podman exec web rm -rf /x                         | rm | -rf /x        | podman exec web
            docker compose exec -T db rm -rf /x               | rm | -rf /x        | docker compose exec db
            kubectl exec -it pod -- rm -rf /x                 | rm | -rf /x        | kubectl exec pod
            kubectl -n prod --context c exec pod -c app -- rm -rf /x | rm | -rf /x | kubectl exec pod
            oc exec pod -- rm -rf /x                          | rm | -rf /x        | oc exec pod
            watch -n 1 'rm -rf /x'                            | rm | -rf /x        | watch
            watch -x rm -rf /x                                | rm | -rf /x        | watch -x
            script -q -c 'rm -rf /x' /dev/null               | rm | -rf /x        | script -c
            su -c 'rm -rf /x' root                            | rm | -rf /x        | su -c
            su - root -c 'rm -rf /x'                          | rm | -rf /x        | su -c
            runuser -u app -- rm -rf /x                       | rm | -rf /x        | runuser
            entr -s 'rm -rf /x'                               | rm | -rf /x        | entr -s
            entr rm -rf /x                                    | rm | -rf /x        | entr
            busybox rm -rf /x                                 | rm | -rf /x        | busybox
            poetry run rm -rf /x                              | rm | -rf /x        | poetry run
            uv run --with requests rm -rf /x                  | rm | -rf /x        | uv run
            op run --env-file .env -- rm -rf /x               | rm | -rf /x        | op run
            aws-vault exec prod -- rm -rf /x                  | rm | -rf /x        | aws-vault exec
            direnv exec . rm -rf /x                           | rm | -rf /x        | direnv exec
            FOO=1 BAR=2 rm -rf /x                             | rm | -rf /x        |
            """)
    void unwrapsTheInnerCommand(String script, String program, String args, String lastVia) {
        Analysis a = Analysis.of(script);
        CommandSubject inner = a.last(program);
        List<String> expectedArgs = args.isBlank() ? List.of() : Arrays.asList(args.trim().split(" "));
        assertEquals(expectedArgs, a.args(program), a.describe());
        if (lastVia == null) {
            assertTrue(inner.via().isEmpty(), a.describe());
        } else {
            assertEquals(lastVia, inner.via().get(inner.via().size() - 1), a.describe());
        }
    }

    @Test
    void wrappersNestAndKeepTheWholeChain() {
        Analysis a = Analysis.of("sudo -u app env FOO=1 timeout 5 bash -c \"ssh db 'sudo rm -rf /var/lib/pg'\"");
        CommandSubject rm = a.last("rm");
        assertEquals(List.of("sudo", "env", "timeout", "bash -c", "ssh db", "sudo"), rm.via());
        assertNull(rm.cwd(), "the remote side's working directory is unknown");
        assertEquals("FOO", a.commands().stream().filter(c -> c.program().equals("timeout")).findFirst()
                .orElseThrow().assignments().keySet().iterator().next());
    }

    @Test
    void theWrapperItselfStaysASubject() {
        Analysis a = Analysis.of("find . -name '*.tmp' -delete -exec rm {} \\;");
        assertEquals(List.of("find", "rm"), a.programs());
        assertTrue(a.args("find").contains("-delete"));
    }

    @Test
    void optionValuesAreNotMistakenForTheCommand() {
        assertEquals(List.of("sudo"), Analysis.of("sudo -l").programs());
        assertEquals(List.of("command"), Analysis.of("command -v rm").programs());
        assertEquals(List.of("ionice"), Analysis.of("ionice -p 123").programs());
        assertEquals(List.of("ssh"), Analysis.of("ssh -p 22 host").programs());
        assertEquals(List.of("kubectl"), Analysis.of("kubectl -n prod get pods").programs());
        assertEquals(List.of("bash"), Analysis.of("bash script.sh").programs());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pnpm rm lodash                  | pnpm
            pnpm remove lodash              | pnpm
            pnpm add -D prisma              | pnpm
            pnpm install --frozen-lockfile  | pnpm
            pnpm run build                  | pnpm
            pnpm test                       | pnpm
            pnpm store prune                | pnpm
            pnpm -r publish                 | pnpm
            yarn remove lodash              | yarn
            yarn add prisma                 | yarn
            yarn install                    | yarn
            yarn workspace api add lodash   | yarn
            yarn cache clean                | yarn
            bun install                     | bun
            bun run build.ts                | bun
            """)
    void packageManagerCommandsAreNotMistakenForBinaries(String script, String program) {
        assertEquals(List.of(program), Analysis.of(script).programs(), Analysis.of(script).describe());
    }

    @Test
    void packageManagerDirectoryOptionsSetTheWorkingDirectory() {
        assertEquals("/home/dev/project/apps/api", Analysis.of("pnpm -C apps/api prisma migrate reset").last("prisma").cwd());
        assertEquals("/srv/api", Analysis.of("yarn --cwd /srv/api prisma migrate reset").last("prisma").cwd());
        assertEquals("/home/dev/project/api", Analysis.of("pnpm --dir=api exec rm -rf dist").last("rm").cwd());
    }

    @Test
    void chdirOptionsSetTheWorkingDirectory() {
        assertEquals("/srv", Analysis.of("sudo -D /srv rm -rf x").last("rm").cwd());
        assertEquals("/home/dev/project/sub", Analysis.of("env -C sub rm -rf x").last("rm").cwd());
        assertEquals("/app", Analysis.of("docker exec -w /app web rm -rf x").last("rm").cwd());
        assertNull(Analysis.of("docker exec web rm -rf x").last("rm").cwd());
    }

    @Test
    void interpreterOneLinersAreAnalysed() {
        Analysis py = Analysis.of("python3 -c 'import os, shutil; os.system(\"rm -rf /srv\"); shutil.rmtree(\"/etc\")'");
        assertEquals(List.of("-rf", "/srv"), py.commands().stream().filter(c -> c.program().equals("rm")
                && c.via().contains("os.system")).findFirst().orElseThrow().args().stream().map(Word::text).toList());
        CommandSubject rmtree = py.commands().stream().filter(c -> c.via().contains("shutil.rmtree")).findFirst()
                .orElseThrow();
        assertEquals("rm", rmtree.program());
        assertEquals(List.of("-r", "/etc"), rmtree.args().stream().map(Word::text).toList());
        assertEquals(List.of("python3 -c", "shutil.rmtree"), rmtree.via());
        CommandSubject nested = py.commands().stream().filter(c -> c.via().contains("os.system")).findFirst()
                .orElseThrow();
        assertEquals("rm -rf /srv", nested.span().text(), "verbatim literal maps exactly");

        Analysis sub = Analysis.of("python -c 'import subprocess; subprocess.run([\"git\", \"push\", \"--force\"])'");
        assertEquals(List.of("push", "--force"), sub.args("git"));

        Analysis node = Analysis.of("node -e \"require('child_process').execSync('git reset --hard');"
                + " require('fs').rmSync('/data', {recursive: true, force: true})\"");
        assertEquals(List.of("reset", "--hard"), node.args("git"));
        assertEquals(List.of("-r", "-f", "/data"), node.args("rm"));

        assertEquals(List.of("-rf", "/x"), Analysis.of("perl -e 'system(\"rm -rf /x\")'").args("rm"));
        assertEquals(List.of("-rf", "/x"), Analysis.of("perl -e 'qx{rm -rf /x}'").args("rm"));
        assertEquals(List.of("-rf", "/x"), Analysis.of("ruby -e '`rm -rf /x`'").args("rm"));
        assertEquals(List.of("-r", "-f", "/x"), Analysis.of("ruby -e 'FileUtils.rm_rf(\"/x\")'").args("rm"));
        assertEquals(List.of("-rf", "/x"), Analysis.of("python3 - <<'EOF'\nimport os\nos.system('rm -rf /x')\nEOF")
                .args("rm"));
        assertEquals(List.of(ConstructSubject.DYNAMIC_COMMAND),
                Analysis.of("python3 -c 'import os; os.system(cmd)'").kinds());
        assertTrue(Analysis.of("python3 -c 'import asyncio; asyncio.run(main())'").constructs().isEmpty());
    }
}
