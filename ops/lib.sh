# Shared by the ops scripts (up, down, smoke, bin/eccmgr, bin/ecledger); sourced, not run.

# true when the pid in file $1 is a live process
running() {
    [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# http_get PORT PATH: the body of a GET on 127.0.0.1:PORT, with bash alone (no curl needed)
http_get() {
    local port=$1 path=$2 response
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
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

# http_post_text PORT PATH BODY: POST a text/plain body; prints the status line's code, a newline, then the body
http_post_text() {
    local port=$1 path=$2 body=$3 response
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'POST %s HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
        "$path" "$(printf '%s' "$body" | wc -c)" "$body" >&3
    response=$(cat <&3)
    exec 3<&-
    local status=${response#HTTP/1.? }
    printf '%s\n%s' "${status:0:3}" "${response#*$'\r\n\r\n'}"
}

# api_classpath ROOT WHO: the manager module's runtime classpath, building it first when missing or
# older than any source of schemas, ledger or api (WHO names the caller in messages)
api_classpath() {
    local root=$1 who=$2
    local file="$root/api/target/eccmgr.classpath"
    if [[ ! -s $file || -n $(find "$root/pom.xml" "$root"/{schemas,ledger,api}/pom.xml "$root"/{schemas,ledger,api}/src/main \
        -newer "$file" -print -quit 2>/dev/null) ]]; then
        command -v mvn >/dev/null || { echo "$who: Maven (mvn) is needed to build the manager" >&2; return 1; }
        echo "$who: building the manager ..." >&2
        mkdir -p "$root/api/target"
        (cd "$root" && mvn -q -B -Dstyle.color=never -pl api -am package dependency:build-classpath -DskipTests \
            -Dmdep.outputFile="$file.tmp" >&2) || return 1
        echo "$root/api/target/classes:$(cat "$file.tmp")" >"$file"
        rm -f "$file.tmp"
    fi
    cat "$file"
}
