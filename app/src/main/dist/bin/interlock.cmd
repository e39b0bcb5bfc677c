@echo off
rem Interlock launcher (Windows). JAVA_HOME selects the Java runtime (17+); INTERLOCK_JAVA_OPTS adds JVM options.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else if exist "%APP_HOME%\runtime\bin\java.exe" (
  set "JAVA=%APP_HOME%\runtime\bin\java.exe"
) else (
  set "JAVA=java"
)
rem Short commands start fastest with C1 alone; the resident service (no arguments, or serve) gets the full JIT.
set "JIT=-XX:TieredStopAtLevel=1"
if "%~1"=="" set "JIT="
if /i "%~1"=="serve" set "JIT="
"%JAVA%" -XX:+UseSerialGC %JIT% -Xshare:auto %INTERLOCK_JAVA_OPTS% -Dinterlock.app.home="%APP_HOME%" -cp "%APP_HOME%\lib\*" dev.interlock.cli.Main %*
exit /b %ERRORLEVEL%
