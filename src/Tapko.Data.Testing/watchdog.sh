# Runs DynamoDB Local's java so that it cannot outlive the .NET process that started it, even when that process is
# killed hard (then no finaliser or ProcessExit handler runs). Started as: /bin/sh -c "<this script>" java <args...>
#
# - "$0" "$@" is the java command line, so no argument is ever re-parsed by this shell. The private temporary
#   directory comes in TAPKO_JAVA_TMPDIR for the same reason.
# - Our stdin is the pipe the .NET process holds. Only the watcher reads it: Java gets /dev/null. When the pipe
#   closes, because the .NET side stopped us or because it died, the watcher kills Java.
# - After Java has started, this shell's own output goes to /dev/null, so only Java writes to the .NET side's pipes.
# - The shell waits on Java (reaping it, so no zombie is left behind), then stops the watcher and removes the
#   temporary directory Java could not clean up after a kill. So this shell exiting means Java is gone.
exec 3<&0
"$0" "$@" </dev/null 3<&- &
java=$!
exec >/dev/null 2>&1 </dev/null
(while read -r _ <&3; do :; done; kill -9 "$java") &
watcher=$!
exec 3<&-
wait "$java"
status=$?
kill "$watcher"
wait "$watcher"
rm -rf "$TAPKO_JAVA_TMPDIR"
exit $status
