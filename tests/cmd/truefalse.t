  $ true
  $ false
  [1]
  $ true ignored arguments
  $ false && echo no || echo yes
  yes
