# Interlock hook client for Windows (twin of the POSIX interlock-hook; see there for the contract).
# Reads the agent's payload on stdin, POSTs it to the running service (run\endpoint, run\hook-token in the data
# directory), writes the reply body to stdout and X-Interlock-Stderr-B64 to stderr, exits with X-Interlock-Exit.
# When the service cannot be used it runs bin\interlock.cmd hook --offline, which fails CLOSED; if even that is
# missing it exits 2 (every supported agent blocks on exit 2).
param(
  [Parameter(Mandatory = $true, Position = 0)][string]$Agent,
  [Parameter(Position = 1)][int]$Budget = 285
)
$ErrorActionPreference = 'Stop'
if ($env:INTERLOCK_HOOK_TIMEOUT -match '^\d+$') { $Budget = [int]$env:INTERLOCK_HOOK_TIMEOUT }
function Block([string]$why) { [Console]::Error.WriteLine("Blocked by Interlock: $why"); exit 2 }
if ($Agent -notmatch '^[a-z0-9-]+$') { Block "bad agent name '$Agent'" }

$ms = New-Object System.IO.MemoryStream
[Console]::OpenStandardInput().CopyTo($ms)
$payload = $ms.ToArray()
$data = if ($env:INTERLOCK_HOME) { $env:INTERLOCK_HOME } else { Join-Path $env:APPDATA 'Interlock' }

if ($Agent -eq 'amp') {
  $text = [Text.Encoding]::UTF8.GetString($payload)
  if ($text -notmatch '"amp_tool"') {
    if ($env:AGENT_TOOL_NAME -notmatch '^[A-Za-z0-9_.:*-]+$') { Block "AGENT_TOOL_NAME is missing or odd" }
    $wrap = @{ amp_tool = $env:AGENT_TOOL_NAME; amp_thread_id = $env:AMP_THREAD_ID; cwd = (Get-Location).Path }
    $json = ($wrap | ConvertTo-Json -Compress)
    $json = $json.Substring(0, $json.Length - 1) + ',"params":' + $(if ($text.Trim()) { $text } else { 'null' }) + '}'
    $payload = [Text.Encoding]::UTF8.GetBytes($json)
  }
}

function Fallback([string]$why) {
  $app = if ($env:INTERLOCK_APP_HOME) { $env:INTERLOCK_APP_HOME } else { Join-Path $PSScriptRoot '..\..' }
  $cli = Join-Path $app 'bin\interlock.cmd'
  if (-not (Test-Path $cli)) { Block "the Interlock service is not reachable ($why) and $cli is missing. Start Interlock, then retry." }
  $psi = New-Object System.Diagnostics.ProcessStartInfo
  $psi.FileName = $env:ComSpec
  $psi.Arguments = '/d /c ""' + $cli + '" hook --offline "' + ($why -replace '"', "'") + '" ' + $Agent + '"'
  $psi.UseShellExecute = $false
  $psi.RedirectStandardInput = $true
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $p = [System.Diagnostics.Process]::Start($psi)
  $p.StandardInput.BaseStream.Write($payload, 0, $payload.Length)
  $p.StandardInput.Close()
  $out = $p.StandardOutput.ReadToEndAsync()
  $err = $p.StandardError.ReadToEnd()
  $p.WaitForExit()
  [Console]::Out.Write($out.Result)
  [Console]::Error.Write($err)
  $rc = $p.ExitCode
  if ($rc -eq 1 -and $Agent -eq 'amp') { exit 1 }
  if ($rc -eq 0 -or $rc -eq 2 -or $rc -eq 126) { exit $rc }
  Block "the local check failed (exit $rc); $why"
}

$endpointFile = Join-Path $data 'run\endpoint'
$tokenFile = Join-Path $data 'run\hook-token'
if (-not (Test-Path $endpointFile)) { Fallback "Interlock is not running: no $endpointFile" }
if (-not (Test-Path $tokenFile)) { Fallback "no hook token in $tokenFile" }
$ep = (Get-Content $endpointFile -TotalCount 1).Trim()
$token = (Get-Content $tokenFile -TotalCount 1).Trim()
$base = if ($ep -match '^https?://') { $ep.TrimEnd('/') } elseif ($ep -match '^\d+$') { "http://127.0.0.1:$ep" } else { "http://$ep" }

Add-Type -AssemblyName System.Net.Http
$handler = New-Object System.Net.Http.HttpClientHandler
$handler.UseProxy = $false
$client = New-Object System.Net.Http.HttpClient($handler)
$client.Timeout = [TimeSpan]::FromSeconds($Budget)
$req = New-Object System.Net.Http.HttpRequestMessage([System.Net.Http.HttpMethod]::Post, "$base/v1/hook/$Agent")
[void]$req.Headers.TryAddWithoutValidation('Authorization', "Bearer $token")
[void]$req.Headers.TryAddWithoutValidation('X-Interlock-Budget', "$Budget")
$req.Content = New-Object System.Net.Http.ByteArrayContent(, $payload)
$req.Content.Headers.ContentType = [System.Net.Http.Headers.MediaTypeHeaderValue]::Parse('application/json')
try {
  $resp = $client.SendAsync($req).GetAwaiter().GetResult()
} catch [System.Threading.Tasks.TaskCanceledException] {
  Fallback "the Interlock service did not answer within ${Budget}s"
} catch {
  Fallback "Interlock is not running: $($_.Exception.Message)"
}
if ([int]$resp.StatusCode -ne 200 -or -not $resp.Headers.Contains('X-Interlock-Exit')) {
  Fallback "the Interlock service answered HTTP $([int]$resp.StatusCode)"
}
$code = [int](@($resp.Headers.GetValues('X-Interlock-Exit'))[0])
$body = $resp.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
if ($body.Length -gt 0) {
  $stdout = [Console]::OpenStandardOutput()
  $stdout.Write($body, 0, $body.Length)
  $stdout.Flush()
}
if ($resp.Headers.Contains('X-Interlock-Stderr-B64')) {
  $b = [Convert]::FromBase64String(@($resp.Headers.GetValues('X-Interlock-Stderr-B64'))[0])
  [Console]::Error.WriteLine([Text.Encoding]::UTF8.GetString($b))
}
exit $code
