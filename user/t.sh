#!/bin/echoargs
# A script whose interpreter is /bin/echoargs: exec of it runs
# "/bin/echoargs /bin/t.sh ARGS...", which prints that argv.
