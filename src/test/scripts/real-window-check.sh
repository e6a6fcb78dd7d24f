#!/usr/bin/env bash
# The real-window check: the packaged jar in a real X window under a window manager (Xvfb + openbox), driven
# with real keys and clicks (xdotool), judged by what the review file on disk says. Headless TestFX cannot see
# window-manager sizing or focus problems; this can. Needs: xvfb openbox xdotool (Debian packages), a built
# target/rust-review.jar (./mvnw -q -DskipTests package). Usage: src/test/scripts/real-window-check.sh [WxH]
# Prints one line per check and "N passed, M failed"; exits non-zero when a check fails.
set -uo pipefail
cd "$(dirname "$0")/../../.."
size=${1:-1280x800}
jar=target/rust-review.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
for tool in Xvfb openbox xdotool; do
  command -v "$tool" >/dev/null || { echo "real-window-check needs $tool: apt-get install xvfb openbox xdotool"; exit 2; }
done
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -q -DskipTests package first"; exit 2; }

home=$(mktemp -d)
display=:$((50 + RANDOM % 40))
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 & wm=$!
sleep 1
DISPLAY=$display "$java" -Duser.home="$home" -jar "$jar" >"$home/app.log" 2>&1 & app=$!
trap 'kill $app $wm $xvfb 2>/dev/null; rm -rf "$home"' EXIT

passed=0; failed=0
check() { if eval "$2"; then echo "ok    $1"; passed=$((passed + 1)); else echo "FAIL  $1"; failed=$((failed + 1)); fi; }
x() { DISPLAY=$display xdotool "$@"; }

win=""
for _ in $(seq 1 120); do win=$(x search --name '^Rust Review$' 2>/dev/null | head -n 1); [ -n "$win" ] && break; sleep 0.5; done
review() { find "$home" -path '*rust-review/reviews/agent-backup-executor.json' 2>/dev/null | head -n 1; }
for _ in $(seq 1 240); do [ -n "$(review)" ] && break; sleep 0.5; done
sleep 2
check "window opened" '[ -n "$win" ]'
geometry=$(x getwindowgeometry "$win" | sed -n 's/.*Geometry: //p')
w=${geometry%x*}; h=${geometry#*x}
check "window sized for work, not 200x200 (got $geometry on $size)" '[ "${w:-0}" -ge 900 ] && [ "${h:-0}" -ge 600 ]'
check "review file written once the analysis arrived" '[ -n "$(review)" ]'

x windowactivate --sync "$win"; sleep 0.5
pos=$(x getwindowgeometry "$win" | sed -n 's/.*Position: \([0-9]*\),\([0-9]*\).*/\1 \2/p'); set -- $pos; wx=$1; wy=$2
# The diff pane sits between the navigator (left quarter) and the inspector (right quarter).
dx=$((wx + w * 45 / 100)); dy=$((wy + h * 30 / 100))
decisions() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for x in d['decisions'] if x.get('state')=='ACCEPTED'))" "$(review)"; }
annotations() { python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['annotations']))" "$(review)"; }
x mousemove "$dx" "$dy" click 1; sleep 0.5
x key j; sleep 1; x mousemove "$dx" "$dy" click 1; sleep 0.5
x key a; sleep 2
check "focus in the diff: j then a records an accepted decision" '[ "$(decisions)" -ge 1 ]'
x mousemove "$dx" "$dy" click 1; sleep 0.5
x key c; sleep 1
x type --delay 20 "checked from the real window"; sleep 0.3
x key ctrl+Return; sleep 2
check "c on a selected diff line, Ctrl+Enter saves an annotation" '[ "$(annotations)" -ge 1 ]'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
