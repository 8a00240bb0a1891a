-- Version 8: a rebuild under way. A rebuild empties the views with TRUNCATE TABLE (a DELETE of every row in one
-- transaction took a quarter of its time), and H2 commits each TRUNCATE on its own. This row is committed first,
-- together with the consumed offsets and the trail dropped, and deleted once every view table is empty: a projection
-- that starts and finds it was stopped half way through emptying, and empties the views again before it reads from 0.
CREATE TABLE rebuild_pending (
    id INT NOT NULL PRIMARY KEY
);
