@echo off
rem Interlock hook client for Windows (the twin of interlock-hook): agents run "interlock-hook.cmd AGENT".
rem The work is done by interlock-hook.ps1 (PowerShell + .NET HttpClient; no JVM while the service runs).
powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%~dp0interlock-hook.ps1" %*
exit /b %ERRORLEVEL%
