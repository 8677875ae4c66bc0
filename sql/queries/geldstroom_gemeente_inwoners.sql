-- inhabitants per gemeente for every year with a value (per-inwoner figures)
select gemeente_code, jaar, waarde as inwoners
from mart_indicator_mat
where niveau = 'gemeente' and indicator = 'inwoners_aantal' and waarde is not null
