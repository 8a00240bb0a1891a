# Shared by the ops scripts (up, down, smoke, bin/*, bench/run); sourced, not run.
# shellcheck shell=bash

# true when the pid in file $1 is a live process
running() {
    [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# token_file: where ops/up keeps the local user's admin token and the console looks for it
token_file() {
    printf '%s' "${ECLEDGER_TOKEN_FILE:-${HOME:-$(cd ~ && pwd)}/.config/ecledger/token}"
}

# auth_header: an Authorization header line and its CRLF, from $ECLEDGER_TOKEN or token_file, or nothing
auth_header() {
    local token=${ECLEDGER_TOKEN:-} file
    file=$(token_file)
    if [[ -z $token && -r $file ]]; then token=$(<"$file"); fi
    # written by the caller straight to the socket: a command substitution would strip the line's end
    [[ -z $token ]] || printf 'Authorization: Bearer %s\r\n' "$token"
}

# http_get PORT PATH: the body of a GET on 127.0.0.1:PORT, with bash alone (no curl needed)
http_get() {
    local port=$1 path=$2 response
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    { printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n' "$path"; auth_header; printf 'Connection: close\r\n\r\n'; } >&3
    response=$(cat <&3)
    exec 3<&-
    [[ $response == "HTTP/1."?" 200"* ]] || return 1
    printf '%s' "${response#*$'\r\n\r\n'}"
}

# wait_for WHAT PIDFILE LOG TIMEOUT CHECK...: until CHECK succeeds; fails if the process dies or time runs out
wait_for() {
    local what=$1 pidfile=$2 log=$3 timeout=$4
    shift 4
    local waited=0
    until "$@" >/dev/null 2>&1; do
        if ! running "$pidfile"; then
            echo "ops: $what stopped while starting; the end of $log:" >&2
            tail -n 30 "$log" >&2
            rm -f "$pidfile"
            exit 1
        fi
        if ((waited >= timeout)); then
            echo "ops: $what did not get ready within ${timeout}s; see $log" >&2
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

# stop WHAT PIDFILE: SIGTERM, then wait (bounded) for a clean exit
stop() {
    local what=$1 pidfile=$2
    if ! running "$pidfile"; then
        echo "ops/down: $what not running"
        rm -f "$pidfile"
        return 0
    fi
    local pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "ops/down: $what (pid $pid) did not stop within 30 s; killing it" >&2
        kill -KILL "$pid"
    fi
    rm -f "$pidfile"
    echo "ops/down: stopped $what (pid $pid)"
}

# http_post_line PORT PATH LINE: POST {"line": LINE} (the manager refuses text/plain POSTs); prints the status
# line's code, a newline, then the body
http_post_line() {
    local port=$1 path=$2 line=$3 response body
    line=${line//\\/\\\\}
    body="{\"line\": \"${line//\"/\\\"}\"}"
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    { printf 'POST %s HTTP/1.0\r\nHost: 127.0.0.1\r\n' "$path"; auth_header
      printf 'Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
        "$(printf '%s' "$body" | wc -c)" "$body"; } >&3
    response=$(cat <&3)
    exec 3<&-
    local status=${response#HTTP/1.? }
    printf '%s\n%s' "${status:0:3}" "${response#*$'\r\n\r\n'}"
}

# classpath ROOT MODULE WHO: the runtime classpath of MODULE (a reactor directory such as api or
# ops/bench): its classes, then its runtime-scope jars, never a test jar or a test dependency.
# Cached in MODULE/target/runtime.classpath and built again (package, tests skipped) when the file
# is missing, an entry on it is gone (e.g. after mvn clean), or the root pom or the pom or src/main
# of MODULE or of a reactor module on that classpath is newer than it. WHO names the caller in messages.
classpath() {
    local root=$1 module=$2 who=$3
    local file="$root/$module/target/runtime.classpath"
    local stale
    stale=$(classpath_stale "$root" "$module" "$file")
    if [[ -n $stale ]]; then
        command -v mvn >/dev/null || { echo "$who: Maven (mvn) is needed to build $module" >&2; return 1; }
        echo "$who: building $module (classpath $stale) ..." >&2
        mkdir -p "$root/$module/target"
        local log deps="$file.deps"
        log=$(mktemp "${TMPDIR:-/tmp}/$who-build.XXXXXX")
        # includeScope, not mdep.includeScope: the plugin ignores an unknown property and falls back to the test scope
        if ! (cd "$root" && mvn -q -B -Dstyle.color=never -pl "$module" -am package dependency:build-classpath \
                -DskipTests -DincludeScope=runtime -Dmdep.outputFile="$deps") >"$log" 2>&1; then
            tail -n 40 "$log" >&2
            echo "$who: the build of $module failed (whole output in $log)" >&2
            return 1
        fi
        rm -f "$log"
        [[ -s $deps ]] || { echo "$who: no dependencies found in $deps" >&2; return 1; }
        echo "$root/$module/target/classes:$(<"$deps")" >"$file.tmp"
        mv -f "$file.tmp" "$file"
        rm -f "$deps"
    fi
    cat "$file"
}

# classpath_stale ROOT MODULE FILE: why FILE, MODULE's cached classpath, must be built again; nothing when it is current
classpath_stale() {
    local root=$1 module=$2 file=$3
    if [[ ! -s $file ]]; then
        echo missing
        return 0
    fi
    local entry entries
    local -A modules=(["$root/$module"]=1)
    IFS=: read -r -a entries <"$file"
    for entry in "${entries[@]}"; do
        [[ -e $entry ]] || { echo "missing $entry"; return 0; }
        # a reactor module's jar or classes: ROOT/<module>/target/...
        [[ $entry == "$root"/*/target/* ]] && modules["${entry%/target/*}"]=1
    done
    local dir sources=("$root/pom.xml")
    for dir in "${!modules[@]}"; do
        sources+=("$dir/pom.xml" "$dir/src/main")
    done
    [[ -z $(find "${sources[@]}" -newer "$file" -print -quit 2>/dev/null) ]] || echo outdated
}
