env prints the environment, changes it for a command, or empties it:

  $ env -i A=1 B=two
  A=1
  B=two
  $ env -i FOO=bar printenv FOO
  bar
  $ X=1 Y=2 env -u X printenv X Y
  2
  [1]
  $ env -i PATH="$PATH" env
  PATH=/.* (re)
  $ env -i nosuchcommand
  env: 'nosuchcommand': No such file or directory
  [127]
  $ env -q
  env: invalid option -- 'q'
  usage: env [-i] [-u NAME]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
  [2]

printenv:

  $ A=hello printenv A
  hello
  $ printenv NO_SUCH_VARIABLE_HERE
  [1]
  $ env -i K=v printenv
  K=v
